package io.regretless.topology.config;

import static io.regretless.topology.config.ValidProperties.check;
import static io.regretless.topology.config.ValidProperties.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.MultiArmedSettings;

/** The multi-armed learners' settings: read into the model's configuration, every mistake named by its setting. */
class MultiArmedSettingsTest {

    private static BanditConfig bandit(String... keyValues) {
        ConfigReport report = check(keyValues);
        assertEquals(List.of(), report.errors());
        return report.config().models().get("checkout").bandit();
    }

    @Test
    void eachLearnerReadsItsOwnSettingWithItsDefault() {
        assertEquals(new BanditConfig(LearnerKind.UCB1, false, 64, 1.0, 0.0, 42L, 32),
            bandit("regretless.model.checkout.learner", "ucb1"));
        assertEquals(0.99, bandit("regretless.model.checkout.learner", "ts-discounted",
            "regretless.model.checkout.discount", "0.99").multiArmed().discount());
        BanditConfig sw = bandit("regretless.model.checkout.learner", "sw-ucb", "regretless.model.checkout.window", "500",
            "regretless.model.checkout.exploration", "0.8");
        assertEquals(new MultiArmedSettings(MultiArmedSettings.DEFAULT_DISCOUNT, 500, 0), sw.multiArmed());
        assertEquals(0.8, sw.exploration());
        assertEquals(0.6, bandit("regretless.model.checkout.learner", "sw-ucb").exploration(), "xi defaults to 0.6");
        assertEquals(10_000L, bandit("regretless.model.checkout.learner", "exp3-ix",
            "regretless.model.checkout.horizon", "10000").multiArmed().horizon());
        assertEquals(1.0, bandit("regretless.model.checkout.learner", "ts-gaussian").exploration(), "v defaults to 1");
        assertEquals(-3.0, check("regretless.model.checkout.learner", "ts-gaussian",
            "regretless.model.checkout.default.reward", "-3").config().models().get("checkout").defaultReward(),
            "Gaussian Thompson sampling takes any finite reward");
    }

    @Test
    void badValuesAreNamedBySetting() {
        String discount = onlyError(check("regretless.model.checkout.learner", "ts-discounted",
            "regretless.model.checkout.discount", "1.5"));
        assertTrue(discount.startsWith("bad value for regretless.model.checkout.discount='1.5'"), discount);
        assertTrue(discount.contains("(0, 1]"), discount);
        String window = onlyError(check("regretless.model.checkout.learner", "sw-ucb",
            "regretless.model.checkout.window", "0"));
        assertTrue(window.startsWith("bad value for regretless.model.checkout.window='0'"), window);
        String horizon = onlyError(check("regretless.model.checkout.learner", "exp3-ix",
            "regretless.model.checkout.horizon", "-1"));
        assertTrue(horizon.startsWith("bad value for regretless.model.checkout.horizon='-1'"), horizon);
        String xi = onlyError(check("regretless.model.checkout.learner", "sw-ucb",
            "regretless.model.checkout.exploration", "0"));
        assertTrue(xi.contains("sw-ucb's xi must be > 0"), xi);
    }

    @Test
    void aSettingOfAnotherLearnerIsRefused() {
        assertEquals("regretless.model.checkout.discount applies only to ts-discounted, not to ucb1",
            onlyError(check("regretless.model.checkout.learner", "ucb1", "regretless.model.checkout.discount", "0.9")));
        assertEquals("regretless.model.checkout.window applies only to sw-ucb, not to squarecb",
            onlyError(check("regretless.model.checkout.window", "100")));
        assertEquals("regretless.model.checkout.horizon applies only to exp3-ix, not to ts-bernoulli",
            onlyError(check("regretless.model.checkout.learner", "ts-bernoulli", "regretless.model.checkout.horizon", "5")));
        assertEquals("regretless.model.checkout.exploration does not apply to ucb1, which has no exploration parameter",
            onlyError(check("regretless.model.checkout.learner", "ucb1", "regretless.model.checkout.exploration", "2")));
        String shared = onlyError(check("regretless.model.checkout.learner", "ts-bernoulli",
            "regretless.model.checkout.shared", "true"));
        assertTrue(shared.contains("has no features to share"), shared);
    }

    @Test
    void rewardsOutsideTheUnitIntervalAreRefusedForTheLearnersDefinedThere() {
        String message = onlyError(check("regretless.model.checkout.learner", "ts-bernoulli",
            "regretless.model.checkout.default.reward", "-0.5"));
        assertEquals("bad value for regretless.model.checkout.default.reward=-0.5: ts-bernoulli learns rewards in [0, 1]",
            message);
    }

    @Test
    void aSlidingWindowThatCouldOutgrowTheStateBoundIsRefused() {
        String message = onlyError(check("regretless.model.checkout.learner", "sw-ucb",
            "regretless.model.checkout.window", "100000"));
        assertTrue(message.contains("model 'checkout' could grow to") && message.endsWith("lower its max.arms or window"),
            message);
    }
}
