package io.regretless.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Wrong arguments and bad configuration say what was wrong and exit non-zero. */
class MainTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals(2, run("run", "--config", "app.properties", "--bogus"));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    }

    @Test
    void missingCommandIsReported() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("name a command"), err.toString());
    }

    @Test
    void missingConfigFileIsNamed() {
        assertEquals(1, run("run", "--config", "/no/such/app.properties"));
        assertTrue(err.toString().contains("config file not found"), err.toString());
    }

    @Test
    void badSettingIsNamed(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("app.properties");
        Files.writeString(config, "application.id=x\nbootstrap.servers=127.0.0.1:1\nregretless.models=m\n"
            + "regretless.model.m.learner=linucb\nregretless.model.m.dimension=lots\n");
        assertEquals(1, run("run", "--config", config.toString()));
        assertTrue(err.toString().contains("regretless.model.m.dimension"), err.toString());
    }

    @Test
    void benchmarksAreNotInTheApplication() {
        assertEquals(2, run("demo"));
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
    }
}
