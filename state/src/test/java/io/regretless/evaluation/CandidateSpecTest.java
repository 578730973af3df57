package io.regretless.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;

/** The shadow-policy syntax: what each form means, and that every mistake is named. */
class CandidateSpecTest {
    static final BanditConfig DEPLOYED = new BanditConfig(LearnerKind.SQUARECB, true, 32, 2.0, 1.5, 7L, 12);

    @Test
    void theBriefsExampleParsesIntoSixCandidatesNamedAsWritten() {
        List<CandidateSpec> list = CandidateSpec.parseList(
            "linucb:alpha=0.5, squarecb ,egreedy:epsilon=0.05,uniform,deployed, lints : v = 0.1 : shared=false");
        assertEquals(List.of("linucb:alpha=0.5", "squarecb", "egreedy:epsilon=0.05", "uniform", "deployed",
            "lints:v=0.1:shared=false"), list.stream().map(CandidateSpec::name).toList());
        assertEquals("linucb:alpha=0.5,squarecb,egreedy:epsilon=0.05,uniform,deployed,lints:v=0.1:shared=false",
            CandidateSpec.format(list));
    }

    @Test
    void aLearnerBaseTakesItsOwnDefaultExplorationAndTheModelsOtherSettings() {
        BanditConfig linucb = CandidateSpec.parse("linucb").resolve(DEPLOYED);
        assertEquals(new BanditConfig(LearnerKind.LINUCB, true, 32, 2.0, LearnerKind.LINUCB.defaultExploration(), 7L, 12),
            linucb);
        BanditConfig tuned = CandidateSpec.parse("linucb:alpha=0.5:shared=false:regularization=3:seed=-4").resolve(DEPLOYED);
        assertEquals(new BanditConfig(LearnerKind.LINUCB, false, 32, 3.0, 0.5, -4L, 12), tuned);
        assertEquals(new BanditConfig(LearnerKind.EPSILON_GREEDY, true, 32, 2.0, 0.05, 7L, 12),
            CandidateSpec.parse("egreedy:exploration=0.05").resolve(DEPLOYED));
    }

    @Test
    void deployedIsTheModelsConfigurationWithItsOverrides() {
        assertEquals(DEPLOYED, CandidateSpec.parse("deployed").resolve(DEPLOYED));
        assertEquals(new BanditConfig(LearnerKind.SQUARECB, true, 32, 2.0, 4.0, 7L, 12),
            CandidateSpec.parse("deployed:gamma0=4").resolve(DEPLOYED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CandidateSpec.parse("deployed:alpha=4").resolve(DEPLOYED));
        assertTrue(e.getMessage().contains("squarecb") && e.getMessage().contains("alpha"), e.getMessage());
    }

    @Test
    void uniformHasNoLearner() {
        assertNull(CandidateSpec.parse("uniform").resolve(DEPLOYED));
        assertThrows(IllegalArgumentException.class, () -> CandidateSpec.parse("uniform:seed=3"));
    }

    @Test
    void everyMistakeIsRefusedWithWhatIsWrong() {
        assertRefused("linucbb", "unknown policy 'linucbb'");
        assertRefused("linucb:alfa=0.5", "unknown option 'alfa'");
        assertRefused("linucb:epsilon=0.5", "'epsilon' is egreedy's exploration; linucb's is 'alpha'");
        assertRefused("linucb:alpha=-1", "alpha is a number >= 0");
        assertRefused("linucb:alpha=NaN", "alpha is a number >= 0");
        assertRefused("linucb:alpha", "expected key=value");
        assertRefused("linucb:alpha=1:exploration=2", "given twice");
        assertRefused("lints:shared=yes", "shared is true or false");
        assertRefused("lints:regularization=0", "regularization is a number > 0");
        assertRefused("lints:seed=1.5", "seed is an integer");
        assertRefused("linucb,linucb", "listed twice");
        assertRefused("linucb,,uniform", "candidate 2 is empty");
        assertRefused("", "no candidate policy given");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CandidateSpec.parse("egreedy:epsilon=2").resolve(DEPLOYED));
        assertTrue(e.getMessage().contains("epsilon must be in [0, 1]"), e.getMessage());
    }

    private static void assertRefused(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CandidateSpec.parseList(text));
        assertTrue(e.getMessage().contains(expected), "'" + text + "': " + e.getMessage());
    }
}
