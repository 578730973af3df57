package io.regretless.ops.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A broker whose parent JVM is killed with SIGKILL must not keep running. */
class OrphanBrokerIntegrationTest {
    private static final Pattern READY = Pattern.compile("log (\\S+)/broker\\.log; child pid (\\d+)");

    @Test
    void theBrokerExitsWhenItsParentIsKilled() throws Exception {
        Path dir = Files.createTempDirectory("orphan-test-");
        Path parentLog = dir.resolve("parent.log");
        List<String> command = new ArrayList<>(ChildJvm.command(dir, List.of("-Xmx256m", "-XX:+UseSerialGC")));
        command.add(RunBroker.class.getName());
        Process parent = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(parentLog.toFile()).start();
        ProcessHandle child = null;
        Path brokerDir = null;
        try {
            Matcher ready = awaitReady(parent, parentLog);
            brokerDir = Path.of(ready.group(1));
            child = ProcessHandle.of(Long.parseLong(ready.group(2))).orElseThrow();

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no hooks run

            child.onExit().get(40, TimeUnit.SECONDS);
            assertFalse(child.isAlive());
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
            if (brokerDir != null) {
                BrokerIo.deleteRecursively(brokerDir); // the killed parent could not clean up
            }
            BrokerIo.deleteRecursively(dir);
        }
    }

    private static Matcher awaitReady(Process parent, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log));
            if (m.find()) {
                return m;
            }
            if (!parent.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("RunBroker did not report ready:\n" + BrokerLog.tail(log, 40));
    }
}
