package io.regretless.topology.config;

import static io.regretless.topology.config.ValidProperties.check;
import static io.regretless.topology.config.ValidProperties.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.regretless.evaluation.CandidateSpec;

/** The shadow-policy settings: read into the model's configuration, and every mistake named by its setting. */
class ShadowSettingsTest {

    @Test
    void shadowsAreReadWithTheirSettings() {
        ConfigReport report = check("regretless.model.checkout.shadows", "linucb:alpha=0.5, uniform ,deployed",
            "regretless.model.checkout.shadows.publish.every", "25", "regretless.model.checkout.shadows.reward.min", "-1",
            "regretless.model.checkout.shadows.reward.max", "2", "regretless.model.checkout.shadows.weight.cap", "20");
        assertEquals(List.of(), report.errors());
        ShadowConfig shadows = report.config().models().get("checkout").shadows();
        assertEquals(List.of("linucb:alpha=0.5", "uniform", "deployed"),
            shadows.candidates().stream().map(CandidateSpec::name).toList());
        assertEquals(new ShadowConfig(shadows.candidates(), 25, -1.0, 2.0, 20.0), shadows);
    }

    @Test
    void aModelWithoutShadowsHasNone() {
        ShadowConfig shadows = check().config().models().get("checkout").shadows();
        assertFalse(shadows.enabled());
        assertEquals(ShadowConfig.NONE, shadows);
    }

    @Test
    void badCandidatesAreNamedBySetting() {
        String message = onlyError(check("regretless.model.checkout.shadows", "linucb:alfa=0.5"));
        assertTrue(message.startsWith("bad value for regretless.model.checkout.shadows='linucb:alfa=0.5': expected a "
            + "comma-separated list of candidate policies"), message);
        assertTrue(message.contains("unknown option 'alfa'"), message);
        String deployed = onlyError(check("regretless.model.checkout.shadows", "deployed:alpha=2"));
        assertTrue(deployed.startsWith("bad value for regretless.model.checkout.shadows: candidate 'deployed:alpha=2': "
            + "the deployed learner is squarecb"), deployed);
    }

    @Test
    void aBadRewardRangeOrCapIsNamed() {
        assertEquals("bad value for regretless.model.checkout.shadows.reward.max=0.0: the reward range needs "
            + "regretless.model.checkout.shadows.reward.min < regretless.model.checkout.shadows.reward.max, got [0.0, 0.0]",
            onlyError(check("regretless.model.checkout.shadows.reward.max", "0")));
        assertEquals("bad value for regretless.model.checkout.shadows.weight.cap='0': expected a number > 0",
            onlyError(check("regretless.model.checkout.shadows.weight.cap", "0")));
        assertEquals("bad value for regretless.model.checkout.shadows.publish.every='0': expected an integer >= 1",
            onlyError(check("regretless.model.checkout.shadows.publish.every", "0")));
    }

    @Test
    void theRewardModelOfASharedModelMustFitTheStateBound() {
        String message = onlyError(check("regretless.model.checkout.shared", "true",
            "regretless.model.checkout.dimension", "120", "regretless.model.checkout.shadows", "uniform"));
        assertTrue(message.startsWith("model 'checkout' has shadow policies, whose reward model"), message);
    }
}
