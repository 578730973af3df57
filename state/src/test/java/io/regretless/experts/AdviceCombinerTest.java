package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import io.regretless.codec.ExpertsStateCodec;

class AdviceCombinerTest {

    @Test
    void predictionIsTheWeightedMeanOfClippedAdvice() {
        AdviceCombiner c = new AdviceCombiner(3, LossFunction.SQUARE, new LabelRange(0, 10));
        c.update(new int[] {0, 1, 2}, new double[] {1, 5, 9}, 4.0);
        int[] awake = {2, 0};
        double[] advice = {12.0, 3.0}; // 12 is clipped to 10
        double[] w = new double[2];
        c.weights(awake, w);
        assertEquals(w[0] * 10.0 + w[1] * 3.0, c.predict(awake, advice), 1e-15);
        assertEquals(1.0, w[0] + w[1], 1e-15);
    }

    @Test
    void trustsTheExpertThatIsRightWhereItSpeaks() {
        SplittableRandom random = new SplittableRandom(9);
        AdviceCombiner c = new AdviceCombiner(2, LossFunction.ABSOLUTE, LabelRange.UNIT);
        for (int t = 0; t < 600; t++) {
            double y = random.nextDouble();
            double generalist = 0.5;
            if (t % 2 == 0) { // the specialist speaks on half the cases and is exact there
                c.update(new int[] {0, 1}, new double[] {generalist, y}, y);
            } else {
                c.update(new int[] {0}, new double[] {generalist}, y);
            }
        }
        double[] w = new double[2];
        c.weights(new int[] {0, 1}, w);
        assertTrue(w[1] > 0.95, "specialist weight " + w[1]);
        // The generalist's regret only counts the rounds it shared with the specialist.
        assertTrue(c.hedgeRegret(0) < 0 && c.hedgeRegret(1) > 0);
    }

    @Test
    void delayedLabelsAreChargedWithThePlayedWeights() {
        AdviceCombiner c = new AdviceCombiner(2, LossFunction.SQUARE, LabelRange.UNIT);
        int[] both = {0, 1};
        c.update(both, new double[] {0.0, 1.0}, new double[] {0.25, 0.75}, 1.0);
        // losses 1 and 0; ⟨p, ℓ⟩ = 0.25.
        assertEquals(0.25 - 1.0, c.hedgeRegret(0), 1e-15);
        assertEquals(0.25, c.hedgeRegret(1), 1e-15);
    }

    @Test
    void lossesAreScaledIntoTheUnitInterval() {
        LabelRange r = new LabelRange(-1, 1);
        assertEquals(1.0, LossFunction.SQUARE.normalised(5.0, -1.0, r)); // clipped to 1: (2)² / 4
        assertEquals(0.25, LossFunction.SQUARE.normalised(0.0, 1.0, r));
        assertEquals(0.5, LossFunction.ABSOLUTE.normalised(0.0, 1.0, r));
        assertEquals(1.0, LossFunction.ABSOLUTE.normalised(-1.0, 7.0, r)); // label outside: saturates
        assertEquals(LossFunction.ABSOLUTE, LossFunction.parse("absolute"));
    }

    @Test
    void rejectsBadAdvice() {
        AdviceCombiner c = new AdviceCombiner(2, LossFunction.SQUARE, LabelRange.UNIT);
        assertThrows(IllegalArgumentException.class, () -> c.predict(new int[] {}, new double[] {}));
        assertThrows(IllegalArgumentException.class, () -> c.predict(new int[] {0}, new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> c.predict(new int[] {0}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> c.update(new int[] {2}, new double[] {0.1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> c.update(new int[] {0}, new double[] {0.1}, Double.NaN));
        assertEquals(ExpertsStateCodec.export(new AdviceCombiner(2, LossFunction.SQUARE, LabelRange.UNIT)), ExpertsStateCodec.export(c));
    }
}
