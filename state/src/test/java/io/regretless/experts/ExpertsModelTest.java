package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.regretless.codec.ExpertsModelCodec;
import io.regretless.codec.ExpertsStateCodec;
import io.regretless.experts.ExpertsModel.GroupStanding;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.experts.ExpertsModel.Play;
import io.regretless.experts.ExpertsModel.Shape;

/** The service-side model: same figures as the experiment, asleep experts untouched, exact round trips. */
class ExpertsModelTest {
    static final Shape ADVICE = new Shape(Mode.ADVICE, 3, 4, LossFunction.SQUARE, LabelRange.UNIT);

    /** Two overlapping groups per case, each with its own slope, labels in [0, 1]. */
    private static final int FEATURES = 5;
    private static final int GROUPS = 4;

    private static double[] caseFeatures(SplittableRandom random) {
        double[] x = new double[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            x[i] = random.nextDouble();
        }
        return x;
    }

    private static int[] caseGroups(SplittableRandom random) {
        int a = random.nextInt(2);
        return random.nextInt(5) == 0 ? new int[] {a} : new int[] {a, 2 + random.nextInt(2)};
    }

    private static double caseLabel(double[] x, int[] groups, SplittableRandom random) {
        double y = 0.1 * random.nextDouble();
        for (int g : groups) {
            y += 0.4 * x[g] / groups.length;
        }
        return y + 0.2 * x[4];
    }

    @Test
    void featuresModeGivesTheLearnersFiguresOnTheIndicatorExtendedFeatures() {
        ExpertsModel model = ExpertsModel.create(new Shape(Mode.FEATURES, GROUPS, FEATURES, LossFunction.SQUARE,
            LabelRange.UNIT, 30.0));
        GroupwiseRidge learner = new GroupwiseRidge(FEATURES + GROUPS, GROUPS, 30.0, LossFunction.SQUARE, LabelRange.UNIT);
        GroupRegret[] regret = new GroupRegret[GROUPS + 1];
        for (int g = 0; g <= GROUPS; g++) {
            regret[g] = new GroupRegret(FEATURES + GROUPS);
        }
        SplittableRandom random = new SplittableRandom(7);
        double[] z = new double[FEATURES + GROUPS];
        for (int t = 0; t < 3_000; t++) {
            double[] x = caseFeatures(random);
            int[] g = caseGroups(random);
            double y = caseLabel(x, g, random);
            Play play = model.play(x, g);
            GroupFeatures.withIndicators(x, g, GROUPS, z);
            double expected = learner.predict(z, g);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(play.prediction()), "round " + t);
            List<GroupStanding> standings = model.learn(x, g, play.prediction(), y);
            learner.update(z, g, y);
            for (int k = 0; k <= g.length; k++) {
                regret[k < g.length ? g[k] : GROUPS].add(z, y, LossFunction.SQUARE.of(expected, y));
            }
            assertEquals(g.length + 1, standings.size());
            assertEquals(GROUPS, standings.get(g.length).group(), "always-on last");
        }
        assertEquals(3_000, model.version());
        assertEquals(ExpertsStateCodec.export(learner), ExpertsStateCodec.pack(model.learnerState()));
        for (int group = 0; group <= GROUPS; group++) {
            GroupStanding s = model.standing(group);
            assertEquals(regret[group].rounds(), s.rounds());
            assertEquals(regret[group].algorithmLoss(), s.algorithmLoss(), 0.0);
            assertEquals(regret[group].hindsightLoss(), s.hindsightLoss(), 0.0);
        }
    }

    @Test
    void aRestoredFeaturesModelContinuesBitForBitAndKeepsItsShrinkage() {
        Shape shape = new Shape(Mode.FEATURES, GROUPS, FEATURES, LossFunction.SQUARE, LabelRange.UNIT, 30.0);
        ExpertsModel a = ExpertsModel.create(shape);
        ExpertsModel b = null;
        SplittableRandom random = new SplittableRandom(8);
        for (int t = 0; t < 400; t++) {
            if (t == 150) {
                byte[] stored = ExpertsModelCodec.encode(a, "m");
                b = ExpertsModelCodec.decode(stored, shape);
                assertThrows(IllegalArgumentException.class, () -> ExpertsModelCodec.decode(stored,
                    new Shape(Mode.FEATURES, GROUPS, FEATURES, LossFunction.SQUARE, LabelRange.UNIT)));
            }
            double[] x = caseFeatures(random);
            int[] g = caseGroups(random);
            double y = caseLabel(x, g, random);
            Play pa = a.play(x, g);
            a.learn(x, g, pa.prediction(), y);
            if (b != null) {
                Play pb = b.play(x, g);
                assertEquals(Double.doubleToRawLongBits(pa.prediction()), Double.doubleToRawLongBits(pb.prediction()));
                assertArrayEquals(pa.weights(), pb.weights(), 0.0);
                b.learn(x, g, pb.prediction(), y);
            }
        }
        assertArrayEquals(ExpertsModelCodec.encode(a, "m"), ExpertsModelCodec.encode(b, "m"));
    }

    @Test
    void shrinkageBelongsToTheFeaturesModeOnly() {
        assertEquals(GroupwiseRidge.DEFAULT_SHRINKAGE,
            new Shape(Mode.FEATURES, 1, 1, LossFunction.SQUARE, LabelRange.UNIT).shrinkage());
        assertEquals(0.0, ADVICE.shrinkage());
        assertThrows(IllegalArgumentException.class,
            () -> new Shape(Mode.FEATURES, 1, 1, LossFunction.SQUARE, LabelRange.UNIT, 0.0));
        assertThrows(IllegalArgumentException.class,
            () -> new Shape(Mode.FEATURES, 1, 1, LossFunction.SQUARE, LabelRange.UNIT, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
            () -> new Shape(Mode.ADVICE, 1, 1, LossFunction.SQUARE, LabelRange.UNIT, 100.0));
    }

    @Test
    void adviceModeNeverChangesAsleepExperts() {
        ExpertsModel model = ExpertsModel.create(ADVICE);
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            int[] awake = t % 2 == 0 ? new int[] {0, 1, 3} : new int[] {1, 2};
            double[] predictions = new double[awake.length];
            for (int k = 0; k < awake.length; k++) {
                predictions[k] = awake[k] == 1 ? 0.5 : random.nextDouble();
            }
            double[] before = new double[4];
            for (int i = 0; i < 4; i++) {
                before[i] = model.hedgeRegret(i);
            }
            Play play = model.play(awake, predictions);
            double sum = 0;
            for (double w : play.weights()) {
                sum += w;
            }
            assertEquals(1.0, sum, 1e-12);
            model.learn(awake, predictions, play.weights(), new int[] {t % 3}, play.prediction(), 0.5);
            for (int i = 0; i < 4; i++) {
                boolean isAwake = false;
                for (int a : awake) {
                    isAwake |= a == i;
                }
                if (!isAwake) {
                    assertEquals(before[i], model.hedgeRegret(i), "expert " + i + " slept at " + t);
                }
            }
        }
        assertTrue(model.hedgeRegret(1) > model.hedgeRegret(0), "the exact expert gains weight");
        assertEquals(200, model.standing(3).rounds());
        GroupStanding all = model.standing(3);
        assertTrue(all.hindsightLoss() < 1e-6, "following expert 1, always awake and exact, is a linear fit: " + all);
        assertTrue(all.algorithmLoss() > 0 && all.regret() > 0, all.toString());
    }

    @Test
    void aRestoredModelContinuesBitForBit() {
        ExpertsModel a = ExpertsModel.create(ADVICE);
        ExpertsModel b = null;
        SplittableRandom random = new SplittableRandom(5);
        for (int t = 0; t < 100; t++) {
            if (t == 40) {
                b = ExpertsModelCodec.decode(ExpertsModelCodec.encode(a, "m"), ADVICE);
            }
            int[] awake = {t % 4, (t + 1) % 4};
            double[] p = {random.nextDouble(), random.nextDouble()};
            double y = random.nextDouble();
            Play pa = a.play(awake, p);
            a.learn(awake, p, pa.weights(), new int[] {}, pa.prediction(), y);
            if (b != null) {
                Play pb = b.play(awake, p);
                assertEquals(pa.prediction(), pb.prediction());
                b.learn(awake, p, pb.weights(), new int[] {}, pb.prediction(), y);
            }
        }
        assertArrayEquals(ExpertsModelCodec.encode(a, "m"), ExpertsModelCodec.encode(b, "m"));
        assertEquals(100, ExpertsModelCodec.version(ExpertsModelCodec.encode(a, "m")));
    }

    @Test
    void aStoredModelOfAnotherShapeIsRefused() {
        byte[] bytes = ExpertsModelCodec.encode(ExpertsModel.create(ADVICE), "m");
        assertThrows(IllegalArgumentException.class, () -> ExpertsModelCodec.decode(bytes,
            new Shape(Mode.ADVICE, 3, 5, LossFunction.SQUARE, LabelRange.UNIT)));
        assertThrows(IllegalArgumentException.class, () -> ExpertsModelCodec.decode(bytes,
            new Shape(Mode.ADVICE, 2, 4, LossFunction.SQUARE, LabelRange.UNIT)));
        assertThrows(IllegalArgumentException.class, () -> ExpertsModelCodec.decode(bytes,
            new Shape(Mode.ADVICE, 3, 4, LossFunction.ABSOLUTE, LabelRange.UNIT)));
        assertThrows(IllegalArgumentException.class, () -> ExpertsModelCodec.decode(bytes,
            new Shape(Mode.FEATURES, 3, 4, LossFunction.SQUARE, LabelRange.UNIT)));
    }

    @Test
    void badInputChangesNothing() {
        ExpertsModel model = ExpertsModel.create(ADVICE);
        byte[] before = ExpertsModelCodec.encode(model, "m");
        int[] awake = {0, 1};
        double[] p = {0.2, 0.4};
        double[] w = {0.5, 0.5};
        assertThrows(IllegalArgumentException.class, () -> model.learn(awake, p, w, new int[] {0, 0}, 0.3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> model.learn(awake, p, w, new int[] {3}, 0.3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> model.learn(awake, p, w, new int[] {0}, 0.3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> model.learn(awake, p, w, new int[] {0}, Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> model.learn(new int[] {0, 0}, p, w, new int[] {}, 0.3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> model.learn(new int[] {0, 4}, p, w, new int[] {}, 0.3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> model.play(new int[] {}, new double[] {}));
        assertThrows(IllegalStateException.class, () -> model.play(new double[4], new int[] {}));
        assertArrayEquals(before, ExpertsModelCodec.encode(model, "m"));
    }

    @Test
    void theStateBoundHoldsAndIsTight() {
        for (Shape shape : List.of(ADVICE, new Shape(Mode.ADVICE, 0, 1, LossFunction.ABSOLUTE, LabelRange.UNIT),
                new Shape(Mode.FEATURES, 8, 20, LossFunction.SQUARE, LabelRange.UNIT),
                new Shape(Mode.FEATURES, 0, 1, LossFunction.SQUARE, LabelRange.UNIT))) {
            ExpertsModel model = ExpertsModel.create(shape);
            long bytes = ExpertsModelCodec.encode(model, "a-model-id").length;
            long bound = ExpertsModel.stateBytesBound(shape);
            assertTrue(bytes <= bound, shape + ": " + bytes + " > " + bound);
            assertTrue(bound <= 1.25 * bytes + 1024, shape + ": bound " + bound + " for " + bytes);
        }
    }
}
