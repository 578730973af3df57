package io.regretless.bandit;

/**
 * What a bandit chose: the index of the chosen candidate and the whole distribution it was drawn
 * from (one probability per candidate, summing to 1), so the log supports off-policy evaluation.
 */
public record Choice(int chosen, double[] probabilities) {
    /** Probability with which the chosen candidate was drawn. */
    public double propensity() {
        return probabilities[chosen];
    }
}
