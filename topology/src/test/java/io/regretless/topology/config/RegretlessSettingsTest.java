package io.regretless.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The registry is the whole truth: every declared setting is read (a bad value of it is refused by
 * name), every default is a value of its own type, and names are declared once.
 */
class RegretlessSettingsTest {

    @Test
    void theValidFixtureIsValid() {
        ConfigReport report = ConfigReport.check(ValidProperties.all());
        assertEquals(List.of(), report.errors());
        assertEquals(List.of(), report.warnings());
    }

    @Test
    void everyDefaultIsAValueOfItsType() {
        for (Setting<?> setting : RegretlessSettings.all()) {
            if (setting.defaultValue() != null) {
                assertNotNull(setting.type().parse(setting.defaultValue()), setting.pattern());
            }
            assertFalse(setting.doc().isBlank(), setting.pattern());
        }
    }

    @Test
    void namesAreDeclaredOnce() {
        Set<String> patterns = new HashSet<>();
        RegretlessSettings.all().forEach(s -> assertTrue(patterns.add(s.pattern()), s.pattern()));
    }

    /** Every setting the application read before the registry existed is still there, under the same name. */
    @Test
    void noSettingWasRenamed() {
        Set<String> patterns = new HashSet<>();
        RegretlessSettings.all().forEach(s -> patterns.add(s.pattern()));
        List<String> before = List.of("regretless.topic.prefix", "regretless.models", "regretless.conformal.models",
            "regretless.experts.models", "regretless.max.state.bytes", "regretless.punctuation.interval.ms",
            "regretless.publish.interval.ms", "regretless.state.store.type", "regretless.fail.on.data.loss",
            "regretless.health.stall.timeout.ms", "regretless.output.format");
        List<String> bandit = List.of("learner", "shared", "dimension", "regularization", "exploration", "seed", "max.arms",
            "attribution.window.ms", "default.reward", "max.features", "max.actions");
        List<String> conformal = List.of("calibrator", "coverage", "exact.history", "aci.gamma", "warmup", "lce.window",
            "label.window.ms");
        List<String> experts = List.of("mode", "groups", "experts", "dimension", "loss", "label.low", "label.high",
            "label.window.ms", "shrinkage");
        List<String> expected = new ArrayList<>(before);
        bandit.forEach(s -> expected.add("regretless.model.<id>." + s));
        conformal.forEach(s -> expected.add("regretless.conformal.model.<id>." + s));
        experts.forEach(s -> expected.add("regretless.experts.model.<id>." + s));
        for (String pattern : expected) {
            assertTrue(patterns.contains(pattern), pattern);
        }
    }

    /** If a declared setting were not read, its bad value would pass; if read without declaring, it would be unknown. */
    @Test
    void everyDeclaredSettingIsReadAndChecked() {
        for (Setting<?> setting : RegretlessSettings.all()) {
            Properties props = ValidProperties.all();
            List<String> keys = new ArrayList<>();
            for (String id : ValidProperties.ids(setting.scope())) {
                keys.add(setting.key(id));
                props.setProperty(setting.key(id), "not valid!");
            }
            ConfigReport report = ConfigReport.check(props);
            assertTrue(report.errors().stream().anyMatch(e -> keys.stream().anyMatch(e.message()::contains)
                    && !e.message().startsWith("unknown setting")),
                setting.pattern() + ": " + report.errors());
        }
    }

    @Test
    void everyDeclaredSettingIsKnownWithItsDefault() {
        for (Setting<?> setting : RegretlessSettings.all()) {
            if (setting.defaultValue() == null || setting.defaultValue().isEmpty()) {
                continue;
            }
            Properties props = ValidProperties.all();
            String id = setting.scope() == Setting.Scope.EXPERTS
                ? (setting == RegretlessSettings.SHRINKAGE ? "prices" : "claims") : ValidProperties.ids(setting.scope())[0];
            props.setProperty(setting.key(id), setting.defaultValue());
            // a multi-armed learner's own setting is refused on any other learner
            String owner = setting == RegretlessSettings.DISCOUNT ? "ts-discounted"
                : setting == RegretlessSettings.WINDOW ? "sw-ucb" : setting == RegretlessSettings.HORIZON ? "exp3-ix" : null;
            if (owner != null) {
                props.setProperty(RegretlessSettings.LEARNER.key(id), owner);
            }
            assertEquals(List.of(), ConfigReport.check(props).errors(), setting.pattern());
        }
    }

    @Test
    void patternsNameTheModelId() {
        assertEquals("regretless.model.<id>.exploration", RegretlessSettings.EXPLORATION.pattern());
        assertEquals("regretless.model.checkout-eu.exploration", RegretlessSettings.EXPLORATION.key("checkout-eu"));
        assertEquals("a.b", RegretlessSettings.MAX_ARMS.idIn("regretless.model.a.b.max.arms").orElseThrow());
        assertTrue(RegretlessSettings.MAX_ARMS.idIn("regretless.conformal.model.a.max.arms").isEmpty());
        assertEquals("regretless.punctuation.interval.ms", RegretlessSettings.PUNCTUATION_INTERVAL_MS.key("ignored"));
    }
}
