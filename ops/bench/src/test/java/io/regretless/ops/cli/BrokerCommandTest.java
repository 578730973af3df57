package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import io.regretless.ops.BenchMain;

/** {@code broker} on a port that is taken says so at once, before it starts anything. */
class BrokerCommandTest {
    @Test
    void aTakenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandLine cli = BenchMain.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            assertEquals(1, cli.execute("broker", "--port", Integer.toString(taken.getLocalPort())));
            assertTrue(err.toString().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), err.toString());
            assertEquals("", out.toString());
        }
    }
}
