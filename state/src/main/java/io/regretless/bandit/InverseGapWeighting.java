package io.regretless.bandit;

/**
 * The inverse-gap-weighting rule of SquareCB (Foster &amp; Rakhlin 2020, "Beyond UCB: Optimal and
 * Efficient Contextual Bandits with Regression Oracles", Algorithm 1), written for rewards to be
 * maximised: with b the action of highest predicted reward ŷ_b,
 * p_a = 1 / (K + γ(ŷ_b − ŷ_a)) for a ≠ b and p_b = 1 − Σ_{a≠b} p_a.
 *
 * <p>Every action keeps probability > 0, the further below the best the less; p_b ≥ 1/K.
 * Among exactly tied best actions the first is b and the others get 1/K each.
 */
public final class InverseGapWeighting {
    private InverseGapWeighting() {
    }

    /**
     * The learning rate γ = γ₀ √(K t). The paper's tuning is γ ∝ √(K T / log) for a known horizon T;
     * growing with the round t instead needs no horizon.
     */
    public static double learningRate(double gamma0, int actions, long round) {
        return gamma0 * Math.sqrt((double) actions * (double) round);
    }

    /** The action distribution for predicted rewards ŷ and learning rate γ ≥ 0. */
    public static double[] probabilities(double[] predictedRewards, double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and >= 0, got " + gamma);
        }
        int k = predictedRewards.length;
        int best = Maximizers.of(predictedRewards)[0];
        double[] p = new double[k];
        double others = 0.0;
        for (int a = 0; a < k; a++) {
            if (a != best) {
                p[a] = 1.0 / (k + gamma * (predictedRewards[best] - predictedRewards[a]));
                others += p[a];
            }
        }
        p[best] = 1.0 - others;
        return p;
    }
}
