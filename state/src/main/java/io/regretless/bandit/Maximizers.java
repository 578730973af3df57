package io.regretless.bandit;

import java.util.SplittableRandom;

/**
 * The indices of the largest scores, with exact ties kept: a fresh model scores every action the
 * same, and always taking the first of them would never explore the others.
 */
final class Maximizers {
    private Maximizers() {
    }

    /** Probability 1/|ties| on each maximiser, 0 elsewhere: a greedy rule that breaks exact ties uniformly. */
    static double[] uniformOverMaxima(double[] scores) {
        int[] ties = of(scores);
        double[] probabilities = new double[scores.length];
        for (int i : ties) {
            probabilities[i] = 1.0 / ties.length;
        }
        return probabilities;
    }

    /** Indices i with scores[i] equal to the maximum, ascending. NaN is never a maximum. */
    static int[] of(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (double s : scores) {
            if (s > max) {
                max = s;
                count = 1;
            } else if (s == max) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no comparable score among " + scores.length + " actions");
        }
        int[] ties = new int[count];
        int next = 0;
        for (int i = 0; i < scores.length && next < count; i++) {
            if (scores[i] == max) {
                ties[next++] = i;
            }
        }
        return ties;
    }

    /**
     * A maximiser, uniform among exact ties; draws from {@code random} only when there are ties.
     * Allocation-free, as Thompson sampling calls it hundreds of times per decision.
     */
    static int pick(double[] scores, SplittableRandom random) {
        double max = Double.NEGATIVE_INFINITY;
        int first = -1;
        int count = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > max) {
                max = scores[i];
                first = i;
                count = 1;
            } else if (scores[i] == max) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no comparable score among " + scores.length + " actions");
        }
        if (count == 1) {
            return first;
        }
        int skip = random.nextInt(count);
        for (int i = first; ; i++) {
            if (scores[i] == max && skip-- == 0) {
                return i;
            }
        }
    }
}
