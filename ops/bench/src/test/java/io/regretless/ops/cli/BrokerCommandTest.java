package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import io.regretless.ops.BenchMain;

/** {@code broker} on a port that is taken says so at once, before it starts anything. */
class BrokerCommandTest {
    @Test
    void aTakenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandRun run = CommandRun.on(BenchMain.commandLine(), "broker", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), run.err());
            assertEquals("", run.out());
        }
    }
}
