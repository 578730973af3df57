package io.regretless.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.bandit.MultiArmedSettings;
import io.regretless.features.DeclaredFeatures;
import io.regretless.schemas.Action;

class PublishedBanditTest {
    @Test
    void declaredFeaturesTravelWithThePublishedModelSoADeciderEncodesAsTheApplication() {
        BanditConfig config = new BanditConfig(LearnerKind.LINUCB, false, 12, 1.0, 1.0, 3L, 4,
            DeclaredFeatures.of(List.of("age", "income"), List.of("price")));
        ContextualBandit learner = LinearBandits.create(config);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20; i++) {
            Candidates c = CandidateEncoder.encode(Map.of("age", random.nextDouble(), "city", 1.0),
                List.of(new Action("a" + i % 2, Map.of("price", random.nextDouble()))), config);
            learner.update(c.actionIds()[0], c.features()[0], random.nextDouble());
        }
        PublishedBandit published = PublishedBandit.decode(PublishedBandit.of("m", learner, config, 10, 5).state());
        assertEquals(config, published.config());
        assertEquals(List.of("age", "income"), published.config().features().context());
        assertEquals(List.of("price"), published.config().features().action());

        Map<String, Double> context = Map.of("age", 0.3, "income", 2.0, "city", 1.0, "zip", 7.0);
        List<Action> actions = List.of(new Action("a0", Map.of("price", 1.5, "colour", 2.0)), new Action("a1", Map.of()));
        Candidates here = CandidateEncoder.encode(context, actions, config);
        Candidates there = CandidateEncoder.encode(context, actions, published.config());
        for (int a = 0; a < 2; a++) {
            assertArrayEquals(here.features()[a], there.features()[a]);
        }
        assertEquals(learner.choose(here, new SplittableRandom(9)).chosen(),
            published.learner().choose(there, new SplittableRandom(9)).chosen());
    }

    @Test
    void aModelWithoutDeclarationsIsPublishedWithout() {
        BanditConfig config = new BanditConfig(LearnerKind.SQUARECB, true, 8, 1.0, 1.0, 3L, 4);
        PublishedBandit published = PublishedBandit.decode(
            PublishedBandit.of("m", LinearBandits.create(config), config, 10, 5).state());
        assertEquals(DeclaredFeatures.NONE, published.config().features());
        assertEquals(config, published.config());
    }

    @Test
    void declaredFeaturesAndTheMultiArmedSettingsTravelSideBySide() {
        BanditConfig config = new BanditConfig(LearnerKind.LINUCB, false, 12, 1.0, 1.0, 3L, 4,
            new MultiArmedSettings(0.9, 77, 5000), DeclaredFeatures.of(List.of("age"), List.of("price")));
        PublishedBandit published = PublishedBandit.decode(
            PublishedBandit.of("m", LinearBandits.create(config), config, 10, 5).state());
        assertEquals(config, published.config());

        BanditConfig multiArmed = new BanditConfig(LearnerKind.SLIDING_WINDOW_UCB, false, 12, 1.0, 0.6, 3L, 4,
            new MultiArmedSettings(0.9, 77, 5000));
        PublishedBandit window = PublishedBandit.decode(
            PublishedBandit.of("m", LinearBandits.create(multiArmed), multiArmed, 10, 5).state());
        assertEquals(multiArmed, window.config());
        assertEquals(DeclaredFeatures.NONE, window.config().features());
    }

    @Test
    void aMultiArmedLearnerCannotDeclareFeatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BanditConfig(
            LearnerKind.UCB1, false, 12, 1.0, 0.0, 3L, 4, DeclaredFeatures.of(List.of("age"), List.of())));
        assertEquals("ucb1 reads no features: it cannot declare any", e.getMessage());
    }
}
