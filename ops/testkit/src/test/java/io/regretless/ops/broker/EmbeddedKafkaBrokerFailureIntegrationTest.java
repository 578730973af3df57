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

class EmbeddedKafkaBrokerFailureIntegrationTest {

    @Test
    void aBrokerThatCannotStartFailsFastWithItsLogAndLeavesNothingBehind() throws IOException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .serverProperty("process.roles", "no-such-role")
                .build();

        IllegalStateException e = assertThrows(IllegalStateException.class, broker::start);

        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-role"), "log tail missing: " + e.getMessage());
        assertTrue(brokerDirectoriesOf("no-such-role").isEmpty(), "temporary directory left behind");
        assertThrows(IllegalStateException.class, broker::start, "start after a failed start");
    }

    /** Broker directories whose configuration mentions {@code marker}: other brokers may come and go meanwhile. */
    private static Set<Path> brokerDirectoriesOf(String marker) throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("regretless-kafka-"))
                    .filter(p -> mentions(p.resolve("server.properties"), marker))
                    .collect(Collectors.toSet());
        }
    }

    private static boolean mentions(Path file, String marker) {
        try {
            return Files.readString(file).contains(marker);
        } catch (IOException gone) {
            return false;
        }
    }
}
