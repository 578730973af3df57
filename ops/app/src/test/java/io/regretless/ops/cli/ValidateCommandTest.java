package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.regretless.topology.config.RegretlessSettings;
import io.regretless.topology.config.Setting;

/** {@code validate} refuses each typo of issue 10 by name with what was meant, reports all at once, and lists a valid file's models. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "regretless.model.checkout.exploraton=0.5 => error: unknown setting regretless.model.checkout.exploraton: "
            + "did you mean regretless.model.checkout.exploration?",
        "regretless.punctuaton.interval.ms=500 => error: unknown setting regretless.punctuaton.interval.ms: "
            + "did you mean regretless.punctuation.interval.ms?",
        "regretless.model.chekout.learner=linucb => error: unknown setting regretless.model.chekout.learner: "
            + "bandit model 'chekout' is not listed in regretless.models (did you mean checkout?)",
        "regretless.model=checkout => error: unknown setting regretless.model: did you mean regretless.models?",
        "regretless.model.checkout.dimension=64   # hashed feature dimension d => error: bad value for "
            + "regretless.model.checkout.dimension='64   # hashed feature dimension d': values cannot carry inline "
            + "comments; put the comment on its own line"})
    void typoIsRefusedByName(String line, String expected) throws Exception {
        CommandRun run = CommandRun.of("validate", "--config", CommandRun.config(dir, line).toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected + "\n"), run.err());
        assertTrue(run.err().contains("1 error: the application does not start with this configuration"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownKafkaSettingIsAWarningAndTheFileStillValid() throws Exception {
        CommandRun run = CommandRun.of("validate", "--config", CommandRun.config(dir, "comit.interval.ms=200").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("warning: unknown Kafka setting comit.interval.ms: Kafka Streams and its clients ignore it; "
            + "did you mean commit.interval.ms?\n", run.err());
        assertTrue(run.out().contains("valid (1 warning)"), run.out());
    }

    @Test
    void everyProblemIsPrintedNotJustTheFirst() throws Exception {
        CommandRun run = CommandRun.of("validate", "--config", CommandRun.config(dir, "regretless.model.checkout.exploraton=1",
            "regretless.punctuaton.interval.ms=5", "regretless.model.checkout.seed=forty-two", "comit.interval.ms=1").toString());
        assertEquals(1, run.exitCode());
        assertEquals(4, run.err().lines().filter(l -> l.startsWith("error: ") || l.startsWith("warning: ")).count(), run.err());
        assertTrue(run.err().contains("3 errors: the application does not start"), run.err());
    }

    @Test
    void validFileListsItsModels() throws Exception {
        CommandRun run = CommandRun.of("validate", "--config", CommandRun.config(dir,
            "regretless.model.checkout.dimension=16").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("application typos on 127.0.0.1:1, topics regretless.*, outputs in json"), run.out());
        assertTrue(run.out().contains("  checkout: bandit squarecb-disjoint, d=16, exploration 1.0, up to 32 arms"), run.out());
    }

    @Test
    void environmentOverridesAreCheckedAndNamed() throws Exception {
        CommandRun run = CommandRun.of(Map.of("REGRETLESS_CONFIG_REGRETLESS_MODEL_CHECKOUT_EXPLORATON", "2"),
            "validate", "--config", CommandRun.config(dir).toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("error: unknown setting regretless.model.checkout.exploraton: did you mean "
            + "regretless.model.checkout.exploration? (set by environment variable "
            + "REGRETLESS_CONFIG_REGRETLESS_MODEL_CHECKOUT_EXPLORATON)"), run.err());
        run = CommandRun.of(Map.of("REGRETLESS_CONFIG_REGRETLESS_MODEL_CHECKOUT_DIMENSION", "0"),
            "validate", "--config", CommandRun.config(dir).toString());
        assertTrue(run.err().contains("regretless.model.checkout.dimension='0': expected an integer >= 1"), run.err());
    }

    @Test
    void settingsListsEveryDeclaredSetting() {
        CommandRun run = CommandRun.of("validate", "--settings");
        assertEquals(0, run.exitCode(), run.err());
        for (Setting<?> setting : RegretlessSettings.all()) {
            assertTrue(run.out().contains(setting.pattern()), setting.pattern());
        }
    }

    @Test
    void withoutAFileSaysWhatToName() {
        CommandRun run = CommandRun.of("validate");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--config FILE"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
