package io.regretless.bandit;

/**
 * The algorithms a bandit model can be configured with: linear contextual bandits over hashed
 * features, and multi-armed bandits that ignore features and learn one statistic per action id
 * ({@link io.regretless.bandit.mab}), for requests with no context.
 */
public enum LearnerKind {
    /** LinUCB, Li et al. 2010: score = θᵀx + α √(xᵀA⁻¹x). Exploration parameter: α. */
    LINUCB("linucb", 1.0, Family.LINEAR),
    /** Linear Thompson sampling, Agrawal &amp; Goyal 2013: θ ~ N(θ̂, v²A⁻¹). Exploration parameter: v. */
    LINEAR_THOMPSON("lints", 0.3, Family.LINEAR),
    /** SquareCB, Foster &amp; Rakhlin 2020: inverse-gap weighting with γ = γ₀√(K t). Exploration parameter: γ₀. */
    SQUARECB("squarecb", 1.0, Family.LINEAR),
    /** Epsilon-greedy over the same ridge-regression oracle. Exploration parameter: ε. */
    EPSILON_GREEDY("egreedy", 0.1, Family.LINEAR),
    /** UCB1, Auer et al. 2002; rewards in [0, 1]. No exploration parameter. */
    UCB1("ucb1", 0.0, Family.UNIT_REWARDS),
    /** Beta–Bernoulli Thompson sampling, prior Beta(1, 1); rewards in [0, 1]. No exploration parameter. */
    BERNOULLI_THOMPSON("ts-bernoulli", 0.0, Family.UNIT_REWARDS),
    /** Gaussian Thompson sampling, prior N(0, v²), reward noise v²; any finite reward. Exploration parameter: v. */
    GAUSSIAN_THOMPSON("ts-gaussian", 1.0, Family.ANY_REWARDS),
    /** EXP3-IX, Neu 2015, for adversarial rewards in [0, 1]; setting: horizon. No exploration parameter. */
    EXP3_IX("exp3-ix", 0.0, Family.UNIT_REWARDS),
    /** Discounted Thompson sampling for drift, prior Beta(1, 1); rewards in [0, 1]; setting: discount γ. */
    DISCOUNTED_THOMPSON("ts-discounted", 0.0, Family.UNIT_REWARDS),
    /** Sliding-window UCB for abrupt changes; rewards in [0, 1]; setting: window τ. Exploration parameter: ξ. */
    SLIDING_WINDOW_UCB("sw-ucb", 0.6, Family.UNIT_REWARDS);

    /** What a kind learns from, and which rewards it takes. */
    private enum Family {
        LINEAR, UNIT_REWARDS, ANY_REWARDS
    }

    private final String shortName;
    private final double defaultExploration;
    private final Family family;

    LearnerKind(String shortName, double defaultExploration, Family family) {
        this.shortName = shortName;
        this.defaultExploration = defaultExploration;
        this.family = family;
    }

    /** A sensible exploration parameter for rewards in [0, 1] when none is configured (0: it has none). */
    public double defaultExploration() {
        return defaultExploration;
    }

    public String shortName() {
        return shortName;
    }

    /** Whether the learner ignores features: one statistic per action id, no context needed. */
    public boolean multiArmed() {
        return family != Family.LINEAR;
    }

    /** Whether the learner takes an exploration parameter ({@code regretless.model.<id>.exploration}). */
    public boolean hasExploration() {
        return !multiArmed() || this == GAUSSIAN_THOMPSON || this == SLIDING_WINDOW_UCB;
    }

    /** Whether the learner's guarantees, and so its update, need rewards in [0, 1]. */
    public boolean needsUnitRewards() {
        return family == Family.UNIT_REWARDS;
    }

    /** Parses a short name ({@code linucb}) or an enum name ({@code LINUCB}), case-insensitively. */
    public static LearnerKind parse(String name) {
        for (LearnerKind kind : values()) {
            if (kind.shortName.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown learner '" + name + "'; one of linucb, lints, squarecb, egreedy, "
            + "ucb1, ts-bernoulli, ts-gaussian, exp3-ix, ts-discounted, sw-ucb");
    }
}
