package io.regretless.ops.broker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerFailureTest {

    @Test
    void aBrokerThatCannotStartFailsFastWithItsLogAndLeavesNothingBehind() throws IOException {
        Set<Path> before = brokerDirectories();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .serverProperty("process.roles", "no-such-role")
                .build();

        IllegalStateException e = assertThrows(IllegalStateException.class, broker::start);

        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-role"), "log tail missing: " + e.getMessage());
        assertTrue(before.containsAll(brokerDirectories()), "temporary directory left behind");
        assertThrows(IllegalStateException.class, broker::start, "start after a failed start");
    }

    private static Set<Path> brokerDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("regretless-kafka-"))
                    .collect(Collectors.toSet());
        }
    }
}
