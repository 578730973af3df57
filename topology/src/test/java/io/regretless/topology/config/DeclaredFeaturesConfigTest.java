package io.regretless.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.BanditConfig;
import io.regretless.features.DeclaredFeatures;

/** {@code features} and {@code action.features}: declared names, with ranges, and the dimension they need. */
class DeclaredFeaturesConfigTest {
    private static Properties with(String... keyValues) {
        Properties props = ValidProperties.all();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static List<String> errors(Properties props) {
        return ConfigReport.check(props).errors().stream().map(ConfigProblem::message).toList();
    }

    @Test
    void declaredFeaturesReachTheModelInOrder() {
        BanditConfig bandit = RegretlessConfig.fromProperties(with(
            "regretless.model.checkout.features", "p{0..63}",
            "regretless.model.checkout.action.features", "price,discount",
            "regretless.model.checkout.dimension", "70")).models().get("checkout").bandit();
        assertEquals(DeclaredFeatures.parseList("p{0..63}"), bandit.features().context());
        assertEquals("p0", bandit.features().context().get(0));
        assertEquals("p63", bandit.features().context().get(63));
        assertEquals(List.of("price", "discount"), bandit.features().action());
        assertEquals(70, bandit.dimension());
    }

    @Test
    void withoutThemEveryNameIsHashedAsBefore() {
        BanditConfig bandit = RegretlessConfig.fromProperties(with()).models().get("checkout").bandit();
        assertEquals(DeclaredFeatures.NONE, bandit.features());
        assertEquals(64, bandit.dimension());
    }

    @Test
    void aDimensionWithoutRoomForTheDeclaredFeaturesIsRefusedOnTheDimension() {
        List<String> errors = errors(with("regretless.model.checkout.features", "p{0..63}"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("bad value for regretless.model.checkout.dimension=64: the model declares 64 "
            + "features"), errors.get(0));
        assertTrue(errors.get(0).endsWith("need a dimension of at least 66"), errors.get(0));
        assertEquals(List.of(), errors(with("regretless.model.checkout.features", "p{0..63}",
            "regretless.model.checkout.dimension", "66")));
        assertEquals(1, errors(with("regretless.model.checkout.features", "p{0..31}",
            "regretless.model.checkout.action.features", "a{0..31}")).size(), "action features count too");
    }

    @Test
    void badListsNameTheSettingAndWhatItTakes() {
        for (String bad : new String[] {"p{3..1}", "a,b,a", "two words", "p{0..100000}"}) {
            List<String> errors = errors(with("regretless.model.checkout.features", bad));
            assertEquals(1, errors.size(), bad + ": " + errors);
            assertTrue(errors.get(0).startsWith("bad value for regretless.model.checkout.features='" + bad + "': expected a "
                + "comma-separated list of distinct feature names"), errors.get(0));
        }
        assertTrue(errors(with("regretless.model.checkout.action.features", "x,x")).get(0)
            .contains("'x' is listed twice"));
    }

    @Test
    void theStateBoundCountsTheDimensionTheFeaturesNeed() {
        List<String> errors = errors(with("regretless.model.checkout.features", "f{1..400}",
            "regretless.model.checkout.dimension", "402"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("regretless.max.state.bytes"), errors.get(0));
    }

    @Test
    void aMultiArmedLearnerReadsNoFeaturesSoDeclaringSomeIsRefused() {
        for (String setting : new String[] {"features", "action.features"}) {
            List<String> errors = errors(with("regretless.model.checkout.learner", "ucb1",
                "regretless.model.checkout." + setting, "price"));
            assertEquals(1, errors.size(), errors.toString());
            assertEquals("regretless.model.checkout." + setting + " does not apply to ucb1, which learns one statistic "
                + "per action and reads no features", errors.get(0));
        }
        assertEquals(List.of(), errors(with("regretless.model.checkout.learner", "ucb1")));
    }
}
