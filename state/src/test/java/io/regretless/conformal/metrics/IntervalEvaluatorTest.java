package io.regretless.conformal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.regretless.codec.IntervalEvaluatorCodec;
import io.regretless.codec.PackedState;

class IntervalEvaluatorTest {

    @Test
    void coverageWidthsAndLocalCoverageError() {
        IntervalEvaluator ev = new IntervalEvaluator(0.5, 100, 2, 4);
        boolean[] hits = {true, true, false, false, true, false};
        double[] widths = {1, 2, 3, 4, 5, 6};
        for (int i = 0; i < hits.length; i++) {
            double half = widths[i] / 2;
            double y = hits[i] ? 0.0 : 10.0;
            assertEquals(hits[i], ev.observe(y, -half, half));
        }
        assertEquals(0.5, ev.coverage());
        assertEquals(3.5, ev.meanWidth());
        assertEquals(3.5 / 2, ev.medianHalfWidth(), "median of 1..6 is 3.5");
        // windows of 2: 1, .5, 0, .5, .5 → max |· − .5| = .5; windows of 4: .5, .5, .25 → .25
        assertEquals(0.5, ev.lce(2));
        assertEquals(0.25, ev.lce(4));
    }

    @Test
    void lceIsUndefinedBeforeTheFirstFullWindowAndUnboundedIntervalsAreCountedApart() {
        IntervalEvaluator ev = new IntervalEvaluator(0.9, 10, 20);
        ev.observe(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertTrue(Double.isNaN(ev.lce(20)));
        assertTrue(Double.isNaN(ev.meanWidth()), "no bounded interval yet");
        assertEquals(1.0, ev.unboundedShare());
        assertEquals(1.0, ev.coverage());
        ev.observe(0, -1, 1);
        ev.observe(0, -2, 2);
        ev.observe(5, -3, 3);
        assertEquals(4.0, ev.meanWidth(), "the reference's mean width: bounded intervals only");
        assertEquals(0.25, ev.unboundedShare());
        assertEquals(0.75, ev.coverage());
        assertEquals((4.0 + 6.0) / 2 / 2, ev.medianHalfWidth(), "unbounded widths rank last in the median");
    }

    /** Past the exact limit the median comes from the summary: within ε·n ranks of the exact one. */
    @Test
    void wholeRunMedianStaysWithinTheSummaryBoundPastTheExactLimit() {
        int n = 60_000;
        IntervalEvaluator ev = new IntervalEvaluator(0.9, 1_000, 20);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        double[] widths = new double[n];
        for (int i = 0; i < n; i++) {
            // drifting scale, so an early window and the whole run have different medians
            widths[i] = random.nextDouble() * (1 + i / 10_000.0);
            ev.observe(0, -widths[i] / 2, widths[i] / 2);
        }
        double[] sorted = widths.clone();
        java.util.Arrays.sort(sorted);
        double median = ev.medianHalfWidth() * 2;
        int rank = java.util.Arrays.binarySearch(sorted, median) + 1;
        assertTrue(rank > 0, "the summary returns a stored width");
        assertTrue(Math.abs(rank - n / 2.0) <= io.regretless.conformal.PastScores.SKETCH_EPSILON * n,
            "rank " + rank + " of " + n);
        IntervalEvaluator copy = IntervalEvaluatorCodec.restoreIntervalEvaluator(IntervalEvaluatorCodec.export(ev));
        assertEquals(IntervalEvaluatorCodec.export(ev), IntervalEvaluatorCodec.export(copy));
        assertEquals(ev.medianHalfWidth(), copy.medianHalfWidth());
    }

    @Test
    void stateRoundTripsMidWindow() {
        IntervalEvaluator ev = new IntervalEvaluator(0.8, 50, 7, 100);
        for (int i = 0; i < 130; i++) {
            ev.observe(i % 3 == 0 ? 5 : 0, -1 - i % 4, 1 + i % 5);
            PackedState s = IntervalEvaluatorCodec.export(ev);
            IntervalEvaluator copy = IntervalEvaluatorCodec.restoreIntervalEvaluator(s);
            assertEquals(s, IntervalEvaluatorCodec.export(copy));
            for (int j = 0; j < 20; j++) {
                boolean a = ev.observe(j % 2, -0.5, 0.7);
                boolean b = copy.observe(j % 2, -0.5, 0.7);
                assertEquals(a, b);
            }
            assertEquals(IntervalEvaluatorCodec.export(ev), IntervalEvaluatorCodec.export(copy));
            assertEquals(ev.lce(7), copy.lce(7));
            assertEquals(ev.medianHalfWidth(), copy.medianHalfWidth());
        }
    }

    /** A state written by the former layout (all widths summed, a median window) still restores. */
    @Test
    void aStateOfTheFormerLayoutRestores() {
        LocalCoverageError lce = new LocalCoverageError(2, 0.9);
        lce.observe(true);
        lce.observe(false);
        lce.observe(true);
        io.regretless.codec.StateWriter w = new io.regretless.codec.StateWriter("interval-evaluator")
            .putDouble(0.9).putLong(3).putLong(2).putDouble(6.0).putLong(2000);
        w.putDoubles(new double[] {1, 2, 3}, 3).putLong(1);
        // the tracker inline, as its own layout holds it (its doubles and its longs each in order)
        PackedState tracker = IntervalEvaluatorCodec.pack(lce.state());
        for (double v : tracker.doubles()) {
            w.putDouble(v);
        }
        for (long v : tracker.longs()) {
            w.putLong(v);
        }
        IntervalEvaluator ev = IntervalEvaluatorCodec.restoreIntervalEvaluator(w.build());
        assertEquals(3, ev.count());
        assertEquals(2.0, ev.meanWidth());
        assertEquals(0.0, ev.unboundedShare());
        assertEquals(1.0, ev.medianHalfWidth());
        assertEquals(lce.value(), ev.lce(2));
    }
}
