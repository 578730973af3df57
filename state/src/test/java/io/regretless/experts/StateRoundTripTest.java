package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import io.regretless.codec.ExpertsStateCodec;
import io.regretless.codec.PackedState;

/** Export → restore gives a learner whose later outputs and states are identical bit for bit. */
class StateRoundTripTest {
    private static final int D = 4;
    private static final int GROUPS = 3;

    private static int[] caseGroups(SplittableRandom random) {
        return random.nextBoolean() ? new int[] {random.nextInt(GROUPS)} : new int[] {0, 2};
    }

    private static double[] x(SplittableRandom random) {
        double[] x = new double[D];
        for (int i = 0; i < D; i++) {
            x[i] = random.nextDouble();
        }
        return x;
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what);
    }

    @Test
    void groupwiseRidge() {
        SplittableRandom random = new SplittableRandom(1);
        GroupwiseRidge a = new GroupwiseRidge(D, GROUPS, LossFunction.SQUARE, LabelRange.UNIT);
        for (int t = 0; t < 300; t++) {
            a.update(x(random), caseGroups(random), random.nextDouble());
        }
        PackedState state = ExpertsStateCodec.export(a);
        GroupwiseRidge b = ExpertsStateCodec.restoreGroupwiseRidge(state);
        assertEquals(state, ExpertsStateCodec.export(b));
        for (int t = 0; t < 300; t++) {
            double[] x = x(random);
            int[] g = caseGroups(random);
            assertBits(a.predict(x, g), b.predict(x, g), "prediction " + t);
            double y = random.nextDouble();
            a.update(x, g, y);
            b.update(x, g, y);
        }
        assertEquals(ExpertsStateCodec.export(a), ExpertsStateCodec.export(b));
    }

    @Test
    void baseline() {
        SplittableRandom random = new SplittableRandom(2);
        GroupIndicatorRidge a = new GroupIndicatorRidge(D, GROUPS, new LabelRange(-1, 2));
        for (int t = 0; t < 200; t++) {
            a.update(x(random), caseGroups(random), random.nextDouble());
        }
        GroupIndicatorRidge b = ExpertsStateCodec.restoreGroupIndicatorRidge(ExpertsStateCodec.export(a));
        for (int t = 0; t < 200; t++) {
            double[] x = x(random);
            int[] g = caseGroups(random);
            assertBits(a.predict(x, g), b.predict(x, g), "prediction " + t);
            double y = random.nextDouble();
            a.update(x, g, y);
            b.update(x, g, y);
        }
        assertEquals(ExpertsStateCodec.export(a), ExpertsStateCodec.export(b));
    }

    @Test
    void adviceCombinerAndHedges() {
        SplittableRandom random = new SplittableRandom(3);
        AdviceCombiner a = new AdviceCombiner(new double[] {1, 2, 3, 4}, LossFunction.ABSOLUTE, new LabelRange(0, 5));
        SleepingHedge h = new SleepingHedge(4, 0.7);
        for (int t = 0; t < 400; t++) {
            if (t == 200) {
                a = ExpertsStateCodec.restoreAdviceCombiner(roundTrip(ExpertsStateCodec.export(a)));
                h = ExpertsStateCodec.restoreSleepingHedge(roundTrip(ExpertsStateCodec.export(h)));
            }
            int[] awake = random.nextBoolean() ? new int[] {3, 1} : new int[] {0, 1, 2, 3};
            double[] advice = new double[awake.length];
            double[] losses = new double[awake.length];
            for (int k = 0; k < awake.length; k++) {
                advice[k] = random.nextDouble(-1, 6);
                losses[k] = random.nextDouble();
            }
            double y = random.nextDouble(0, 5);
            a.predict(awake, advice);
            a.update(awake, advice, y);
            h.update(awake, losses);
        }
        // Same run without the restore in the middle.
        SplittableRandom again = new SplittableRandom(3);
        AdviceCombiner a2 = new AdviceCombiner(new double[] {1, 2, 3, 4}, LossFunction.ABSOLUTE, new LabelRange(0, 5));
        SleepingHedge h2 = new SleepingHedge(4, 0.7);
        for (int t = 0; t < 400; t++) {
            int[] awake = again.nextBoolean() ? new int[] {3, 1} : new int[] {0, 1, 2, 3};
            double[] advice = new double[awake.length];
            double[] losses = new double[awake.length];
            for (int k = 0; k < awake.length; k++) {
                advice[k] = again.nextDouble(-1, 6);
                losses[k] = again.nextDouble();
            }
            a2.update(awake, advice, again.nextDouble(0, 5));
            h2.update(awake, losses);
        }
        assertEquals(ExpertsStateCodec.export(a2), ExpertsStateCodec.export(a));
        assertEquals(ExpertsStateCodec.export(h2), ExpertsStateCodec.export(h));
    }

    /** Copies through the raw arrays, as a store's serde would. */
    private static PackedState roundTrip(PackedState s) {
        return new PackedState(s.kind(), Arrays.copyOf(s.doubles(), s.doubles().length), s.longs());
    }

    @Test
    void groupRegret() {
        SplittableRandom random = new SplittableRandom(4);
        GroupRegret a = new GroupRegret(D);
        for (int t = 0; t < 100; t++) {
            a.add(x(random), random.nextDouble(), random.nextDouble());
        }
        GroupRegret b = ExpertsStateCodec.restoreGroupRegret(ExpertsStateCodec.export(a));
        assertBits(a.regret(), b.regret(), "regret");
        double[] x = x(random);
        a.add(x, 0.3, 0.2);
        b.add(x, 0.3, 0.2);
        assertEquals(ExpertsStateCodec.export(a), ExpertsStateCodec.export(b));
        assertBits(a.hindsightLoss(), b.hindsightLoss(), "hindsight loss");
    }

    @Test
    void malformedStatesAreRefused() {
        PackedState good = ExpertsStateCodec.export(new SleepingAdaNormalHedge(3));
        assertThrows(IllegalArgumentException.class, () -> ExpertsStateCodec.restoreGroupwiseRidge(good));
        double[] d = good.doubles();
        assertThrows(IllegalArgumentException.class,
            () -> ExpertsStateCodec.restoreAdaNormalHedge(new PackedState(good.kind(), Arrays.copyOf(d, d.length - 1), good.longs())));
        assertThrows(IllegalArgumentException.class,
            () -> ExpertsStateCodec.restoreAdaNormalHedge(new PackedState(good.kind(), Arrays.copyOf(d, d.length + 1), good.longs())));
        d[0] = -1; // a negative prior
        assertThrows(IllegalArgumentException.class,
            () -> ExpertsStateCodec.restoreAdaNormalHedge(new PackedState(good.kind(), d, good.longs())));
        PackedState ridge = ExpertsStateCodec.export(new GroupwiseRidge(2, 1, LossFunction.SQUARE, LabelRange.UNIT));
        double[] rd = ridge.doubles();
        rd[rd.length - 3] = Double.NaN; // inside a ridge expert's b
        assertThrows(IllegalArgumentException.class,
            () -> ExpertsStateCodec.restoreGroupwiseRidge(new PackedState(ridge.kind(), rd, ridge.longs())));
    }
}
