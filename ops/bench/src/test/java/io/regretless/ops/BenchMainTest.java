package io.regretless.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Wrong arguments to the benchmarks' command line say what was wrong and exit non-zero. */
class BenchMainTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BenchMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals(2, run("demo", "--bogus"));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    }

    @Test
    void missingCommandIsReported() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("name a command"), err.toString());
    }

    @Test
    void benchRefusesUnknownOverrides() {
        assertEquals(1, run("bench", "bogus=1"));
        assertTrue(err.toString().contains("bogus"), err.toString());
    }
}
