package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment variables override the properties file, named after the property. */
class RunCommandTest {
    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "bootstrap.servers=from-file:9092\napplication.id=a\n");
        Properties props = RunCommand.load(file, Map.of(
            "REGRETLESS_CONFIG_BOOTSTRAP_SERVERS", "from-env:9092",
            "REGRETLESS_CONFIG_REGRETLESS_MODEL_CHECKOUT__EU_LEARNER", "squarecb",
            "PATH", "/usr/bin"));
        assertEquals("from-env:9092", props.getProperty("bootstrap.servers"));
        assertEquals("a", props.getProperty("application.id"));
        assertEquals("squarecb", props.getProperty("regretless.model.checkout-eu.learner"));
        assertEquals(3, props.size());
    }
}
