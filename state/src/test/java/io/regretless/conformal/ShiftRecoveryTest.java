package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A synthetic series whose noise scale jumps ×4 at step {@value #SHIFT}: SAOCP's local coverage recovers faster
 * than split conformal's, whose long history of small scores keeps its radius too small for hundreds of steps.
 */
class ShiftRecoveryTest {
    static final int SHIFT = 800;
    static final int STEPS = 1600;
    static final int WINDOW = 50;
    static final double TARGET = 0.9;

    /** Scores |ε_t| with ε_t ~ N(0, 1) before the shift and N(0, 4²) after; the forecaster knows the mean. */
    static double[] scores(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] s = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            s[t] = Math.abs(gaussian(random) * (t < SHIFT ? 1.0 : 4.0));
        }
        return s;
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Coverage flags of the test steps after 100 calibration scores (drawn before the shift). */
    static boolean[] covered(CalibratorKind kind, double[] s) {
        double[] calibration = java.util.Arrays.copyOf(s, 100);
        Calibrator c = Calibrators.warmStart(kind, CalibratorConfig.of(TARGET), calibration);
        boolean[] hit = new boolean[STEPS];
        for (int t = 100; t < STEPS; t++) {
            hit[t] = s[t] <= c.radius();
            c.update(s[t]);
        }
        return hit;
    }

    /** Mean over windows [u, u + WINDOW) starting at u ∈ [SHIFT, SHIFT + 400) of |window coverage − target|. */
    static double postShiftLocalError(boolean[] hit) {
        double sum = 0;
        int n = 0;
        for (int u = SHIFT; u < SHIFT + 400; u++) {
            int covered = 0;
            for (int t = u; t < u + WINDOW; t++) {
                covered += hit[t] ? 1 : 0;
            }
            sum += Math.abs((double) covered / WINDOW - TARGET);
            n++;
        }
        return sum / n;
    }

    /** Steps after the shift until the trailing-WINDOW coverage first reaches target − 0.05. */
    static int recoverySteps(boolean[] hit) {
        int covered = 0;
        for (int t = SHIFT; t < STEPS; t++) {
            covered += hit[t] ? 1 : 0;
            if (t - WINDOW >= SHIFT) {
                covered -= hit[t - WINDOW] ? 1 : 0;
            }
            if (t - SHIFT + 1 >= WINDOW && (double) covered / WINDOW >= TARGET - 0.05) {
                return t - SHIFT + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void saocpRecoversFasterThanSplitConformal() {
        for (long seed : new long[] {1, 2, 3}) {
            double[] s = scores(seed);
            boolean[] saocp = covered(CalibratorKind.SAOCP, s);
            boolean[] scp = covered(CalibratorKind.SCP, s);
            double errSaocp = postShiftLocalError(saocp);
            double errScp = postShiftLocalError(scp);
            int recSaocp = recoverySteps(saocp);
            int recScp = recoverySteps(scp);
            System.out.printf(Locale.ROOT, "shift seed %d: mean local |cov - 0.9| after the shift saocp %.3f scp %.3f;"
                    + " steps to trailing-%d coverage >= 0.85 (-1: never): saocp %d scp %d%n",
                    seed, errSaocp, errScp, WINDOW, recSaocp, recScp == Integer.MAX_VALUE ? -1 : recScp);
            assertTrue(errSaocp < 0.5 * errScp, "SAOCP local error " + errSaocp + " vs SCP " + errScp);
            assertTrue(recSaocp < recScp, "SAOCP recovery " + recSaocp + " vs SCP " + recScp);
            assertTrue(recSaocp <= 150, "SAOCP recovery " + recSaocp);
        }
    }
}
