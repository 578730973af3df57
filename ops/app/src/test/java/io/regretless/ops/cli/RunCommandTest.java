package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Environment variables override the properties file, named after the property; {@code run} refuses
 * what {@code validate} refuses, with the same messages, before it connects (the broker in these
 * files, 127.0.0.1:1, does not exist, and nothing here waits for it).
 */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheFile() throws Exception {
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "regretless.model.checkout.exploraton=0.5 => regretless.model.checkout.exploraton: "
            + "did you mean regretless.model.checkout.exploration?",
        "regretless.punctuaton.interval.ms=500 => regretless.punctuaton.interval.ms: "
            + "did you mean regretless.punctuation.interval.ms?",
        "regretless.model.chekout.learner=linucb => regretless.model.chekout.learner: "
            + "bandit model 'chekout' is not listed in regretless.models (did you mean checkout?)",
        "regretless.model=checkout => regretless.model: did you mean regretless.models?",
        "regretless.model.checkout.learner=squarecb   # linucb | lints | squarecb | egreedy"
            + " => regretless.model.checkout.learner='squarecb   # linucb | lints | squarecb | egreedy': values cannot "
            + "carry inline comments; put the comment on its own line"})
    void runRefusesWhatValidateRefusesWithTheSameMessage(String line, String expected) throws Exception {
        Path config = CommandRun.config(dir, line);
        CommandRun run = CommandRun.of("run", "--config", config.toString(), "--http-port", "0");
        CommandRun validate = CommandRun.of("validate", "--config", config.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertTrue(run.err().contains("the application does not start with this configuration"), run.err());
        assertEquals(validate.err(), run.err(), "the same messages");
        assertEquals("", run.out(), "nothing ran");
    }

    @Test
    void runNamesAnUnknownKafkaSettingAmongItsErrors() throws Exception {
        Path config = CommandRun.config(dir, "comit.interval.ms=200", "regretless.model.checkout.exploraton=0.5");
        CommandRun run = CommandRun.of("run", "--config", config.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: unknown Kafka setting comit.interval.ms: Kafka Streams and its clients "
            + "ignore it; did you mean commit.interval.ms?"), run.err());
    }

    @Test
    void runChecksEnvironmentOverrides() throws Exception {
        CommandRun run = CommandRun.of(Map.of("REGRETLESS_CONFIG_REGRETLESS_PUNCTUATON_INTERVAL_MS", "5"),
            "run", "--config", CommandRun.config(dir).toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("error: unknown setting regretless.punctuaton.interval.ms: did you mean "
            + "regretless.punctuation.interval.ms? (set by environment variable REGRETLESS_CONFIG_REGRETLESS_PUNCTUATON_INTERVAL_MS)"),
            run.err());
    }
}
