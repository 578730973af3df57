package io.regretless.bandit;

/**
 * The settings only multi-armed learners have (each applies to one kind; the others ignore it).
 *
 * @param discount ts-discounted: γ ∈ (0, 1], every count is multiplied by it per reward, so
 *                 evidence older than about 1/(1 − γ) rewards fades (Raj &amp; Kalyani 2017)
 * @param window   sw-ucb: τ ≥ 1, only the last τ rewards count (Garivier &amp; Moulines 2011)
 * @param horizon  exp3-ix: the horizon T ≥ 1 its rates are tuned for (Neu 2015, Theorem 1), or 0
 *                 for the anytime rates η_t = √(ln K / (K t))
 */
public record MultiArmedSettings(double discount, int window, long horizon) {
    public static final double DEFAULT_DISCOUNT = 0.999;
    public static final int DEFAULT_WINDOW = 1000;
    public static final long DEFAULT_HORIZON = 0;
    /** The defaults: γ = 0.999 and τ = 1000 remember about the last thousand rewards; anytime EXP3-IX. */
    public static final MultiArmedSettings DEFAULTS =
        new MultiArmedSettings(DEFAULT_DISCOUNT, DEFAULT_WINDOW, DEFAULT_HORIZON);

    public MultiArmedSettings {
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        if (horizon < 0) {
            throw new IllegalArgumentException("horizon must be >= 0 (0: anytime), got " + horizon);
        }
    }
}
