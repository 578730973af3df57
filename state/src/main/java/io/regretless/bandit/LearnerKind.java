package io.regretless.bandit;

/** The contextual-bandit algorithms a model can be configured with. */
public enum LearnerKind {
    /** LinUCB, Li et al. 2010: score = θᵀx + α √(xᵀA⁻¹x). Exploration parameter: α. */
    LINUCB("linucb", 1.0),
    /** Linear Thompson sampling, Agrawal &amp; Goyal 2013: θ ~ N(θ̂, v²A⁻¹). Exploration parameter: v. */
    LINEAR_THOMPSON("lints", 0.3),
    /** SquareCB, Foster &amp; Rakhlin 2020: inverse-gap weighting with γ = γ₀√(K t). Exploration parameter: γ₀. */
    SQUARECB("squarecb", 1.0),
    /** Epsilon-greedy over the same ridge-regression oracle. Exploration parameter: ε. */
    EPSILON_GREEDY("egreedy", 0.1);

    private final String shortName;
    private final double defaultExploration;

    LearnerKind(String shortName, double defaultExploration) {
        this.shortName = shortName;
        this.defaultExploration = defaultExploration;
    }

    /** A sensible exploration parameter for rewards in [0, 1] when none is configured. */
    public double defaultExploration() {
        return defaultExploration;
    }

    public String shortName() {
        return shortName;
    }

    /** Parses a short name ({@code linucb}) or an enum name ({@code LINUCB}), case-insensitively. */
    public static LearnerKind parse(String name) {
        for (LearnerKind kind : values()) {
            if (kind.shortName.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown learner '" + name + "'; one of linucb, lints, squarecb, egreedy");
    }
}
