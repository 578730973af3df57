package io.regretless.bandit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The algorithms a bandit model can be configured with, by wire name: linear contextual bandits
 * over hashed features, and multi-armed bandits that ignore features and learn one statistic per
 * action id ({@link io.regretless.bandit.mab}), for requests with no context.
 *
 * <p>This class is the registry every other place reads: configuration ({@link #parse}, the list of
 * names a setting takes and its near-miss suggestions), shadow candidates, published models and the
 * decide path ({@link LinearBandits}). A linear learner is registered with one line,
 * {@link #registerLinear}, naming its factory over the ridge arms every linear learner stores, so
 * its state needs no codec of its own; the built-in ones are registered below. Registration must
 * happen in every process that reads the learner's name (the application and any local decider)
 * before configuration is read; a constant here does it on first use of this class. The
 * multi-armed kinds are fixed here, since each has a state layout of its own in
 * {@link io.regretless.bandit.mab.MabStateCodec}.
 */
public final class LearnerKind {
    private static final Pattern WIRE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final List<LearnerKind> REGISTERED = new ArrayList<>();

    /** LinUCB, Li et al. 2010: score = θᵀx + α √(xᵀA⁻¹x). Exploration parameter: α. */
    public static final LearnerKind LINUCB = builtIn("linucb", "LINUCB", "alpha", 1.0, LinUcb::new);
    /** Linear Thompson sampling, Agrawal &amp; Goyal 2013: θ ~ N(θ̂, v²A⁻¹). Exploration parameter: v. */
    public static final LearnerKind LINEAR_THOMPSON = builtIn("lints", "LINEAR_THOMPSON", "v", 0.3,
        (config, models) -> new LinearThompsonSampling(config, models, LinearThompsonSampling.DEFAULT_PROPENSITY_DRAWS));
    /** SquareCB, Foster &amp; Rakhlin 2020: inverse-gap weighting with γ = γ₀√(K t). Exploration parameter: γ₀. */
    public static final LearnerKind SQUARECB = builtIn("squarecb", "SQUARECB", "gamma0", 1.0, SquareCb::new);
    /** Epsilon-greedy over the same ridge-regression oracle. Exploration parameter: ε. */
    public static final LearnerKind EPSILON_GREEDY = builtIn("egreedy", "EPSILON_GREEDY", "epsilon", 0.1,
        EpsilonGreedy::new);
    /** UCB1, Auer et al. 2002; rewards in [0, 1]. No exploration parameter. */
    public static final LearnerKind UCB1 = multiArmed("ucb1", "UCB1", null, 0.0, true);
    /** Beta–Bernoulli Thompson sampling, prior Beta(1, 1); rewards in [0, 1]. No exploration parameter. */
    public static final LearnerKind BERNOULLI_THOMPSON = multiArmed("ts-bernoulli", "BERNOULLI_THOMPSON", null, 0.0, true);
    /** Gaussian Thompson sampling, prior N(0, v²), reward noise v²; any finite reward. Exploration parameter: v. */
    public static final LearnerKind GAUSSIAN_THOMPSON = multiArmed("ts-gaussian", "GAUSSIAN_THOMPSON", "v", 1.0, false);
    /** EXP3-IX, Neu 2015, for adversarial rewards in [0, 1]; setting: horizon. No exploration parameter. */
    public static final LearnerKind EXP3_IX = multiArmed("exp3-ix", "EXP3_IX", null, 0.0, true);
    /** Discounted Thompson sampling for drift, prior Beta(1, 1); rewards in [0, 1]; setting: discount γ. */
    public static final LearnerKind DISCOUNTED_THOMPSON = multiArmed("ts-discounted", "DISCOUNTED_THOMPSON", null, 0.0,
        true);
    /** Sliding-window UCB for abrupt changes; rewards in [0, 1]; setting: window τ. Exploration parameter: ξ. */
    public static final LearnerKind SLIDING_WINDOW_UCB = multiArmed("sw-ucb", "SLIDING_WINDOW_UCB", "xi", 0.6, true);

    private final String shortName;
    private final String alias;
    private final String explorationName;
    private final double defaultExploration;
    private final LinearLearnerFactory linear;
    private final boolean needsUnitRewards;

    private LearnerKind(String shortName, String alias, String explorationName, double defaultExploration,
                        LinearLearnerFactory linear, boolean needsUnitRewards) {
        this.shortName = shortName;
        this.alias = alias;
        this.explorationName = explorationName;
        this.defaultExploration = defaultExploration;
        this.linear = linear;
        this.needsUnitRewards = needsUnitRewards;
    }

    /**
     * Registers a linear learner under {@code wireName}: the one line that makes it configurable
     * ({@code regretless.model.<id>.learner}), a shadow candidate and a published model's learner.
     * Its state is the ridge arms of every linear learner, stored as {@code <wireName>-disjoint} or
     * {@code <wireName>-shared}.
     *
     * @param wireName           lower-case letters, digits and '-', starting with a letter; unused so far
     * @param explorationName    the name of its exploration parameter (as a shadow candidate's option),
     *                           or null when it has none
     * @param defaultExploration the exploration parameter when none is configured (0 when it has none)
     * @param factory            the learner over a configuration and the ridge arms (fresh or restored)
     * @return the registered kind, to configure a {@link BanditConfig} with
     * @throws IllegalArgumentException if the name is malformed or taken, or the exploration is not finite and >= 0
     */
    public static LearnerKind registerLinear(String wireName, String explorationName, double defaultExploration,
                                             LinearLearnerFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return register(new LearnerKind(wireName, wireName, explorationName, defaultExploration, factory, false));
    }

    /** Registers a linear learner without an exploration parameter; see {@link #registerLinear(String, String, double, LinearLearnerFactory)}. */
    public static LearnerKind registerLinear(String wireName, LinearLearnerFactory factory) {
        return registerLinear(wireName, null, 0.0, factory);
    }

    private static LearnerKind builtIn(String shortName, String alias, String explorationName, double defaultExploration,
                                       LinearLearnerFactory factory) {
        return register(new LearnerKind(shortName, alias, explorationName, defaultExploration, factory, false));
    }

    private static LearnerKind multiArmed(String shortName, String alias, String explorationName,
                                          double defaultExploration, boolean needsUnitRewards) {
        return register(new LearnerKind(shortName, alias, explorationName, defaultExploration, null, needsUnitRewards));
    }

    private static synchronized LearnerKind register(LearnerKind kind) {
        if (kind.shortName == null || !WIRE_NAME.matcher(kind.shortName).matches()) {
            throw new IllegalArgumentException("a learner's wire name is lower-case letters, digits and '-', starting"
                + " with a letter, got '" + kind.shortName + "'");
        }
        if (!(kind.defaultExploration >= 0) || Double.isInfinite(kind.defaultExploration)) {
            throw new IllegalArgumentException(kind.shortName + "'s default exploration must be finite and >= 0, got "
                + kind.defaultExploration);
        }
        for (LearnerKind known : REGISTERED) {
            if (known.names(kind.shortName) || known.names(kind.alias)) {
                throw new IllegalArgumentException("learner '" + kind.shortName + "' is already registered");
            }
        }
        REGISTERED.add(kind);
        return kind;
    }

    /** Every registered kind, built-in ones first, in registration order. */
    public static synchronized List<LearnerKind> all() {
        return List.copyOf(REGISTERED);
    }

    /** The registered linear kinds, in registration order. */
    public static List<LearnerKind> linear() {
        return all().stream().filter(kind -> !kind.multiArmed()).toList();
    }

    /** The wire names of every registered kind, in registration order. */
    public static List<String> wireNames() {
        return all().stream().map(LearnerKind::shortName).toList();
    }

    /** Parses a wire name ({@code linucb}) or a built-in kind's constant name ({@code LINUCB}), case-insensitively. */
    public static LearnerKind parse(String name) {
        for (LearnerKind kind : all()) {
            if (kind.names(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown learner '" + name + "'; one of " + String.join(", ", wireNames()));
    }

    private boolean names(String name) {
        return shortName.equalsIgnoreCase(name) || alias.equalsIgnoreCase(name);
    }

    /** A sensible exploration parameter for rewards in [0, 1] when none is configured (0: it has none). */
    public double defaultExploration() {
        return defaultExploration;
    }

    public String shortName() {
        return shortName;
    }

    /** What its exploration parameter is called ({@code alpha}, {@code v}, ...), or null when it has none. */
    public String explorationName() {
        return explorationName;
    }

    /** Whether the learner ignores features: one statistic per action id, no context needed. */
    public boolean multiArmed() {
        return linear == null;
    }

    /** Whether the learner takes an exploration parameter ({@code regretless.model.<id>.exploration}). */
    public boolean hasExploration() {
        return explorationName != null;
    }

    /** Whether the learner's guarantees, and so its update, need rewards in [0, 1]. */
    public boolean needsUnitRewards() {
        return needsUnitRewards;
    }

    /**
     * A linear learner of this kind over {@code models}.
     *
     * @throws IllegalArgumentException if this kind is multi-armed
     */
    ContextualBandit buildLinear(BanditConfig config, ArmModels models) {
        if (linear == null) {
            throw new IllegalArgumentException(shortName + " is not a linear learner");
        }
        return linear.create(config, models);
    }

    /** The built-in kinds' constant name ({@code LINUCB}), or a registered kind's wire name. */
    @Override
    public String toString() {
        return alias;
    }
}
