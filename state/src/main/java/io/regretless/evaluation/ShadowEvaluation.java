package io.regretless.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.DecisionRandomness;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.bandit.ModelCapacityExceededException;
import io.regretless.schemas.Action;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.schemas.state.RidgeRegressionState;

/**
 * Candidate policies evaluated on a model's live log, progressively: every logged round is first
 * scored with each candidate's current probabilities π(·|x) — by DM, IPS, clipped IPS, SNIPS and DR
 * ({@link PolicyEstimates}; the DR and DM reward model is a {@link RidgeRewardModel} per action
 * that also predicts before it learns) — and only then does every candidate, and the reward model,
 * learn the logged reward of the logged action, as the deployed model does (Li, Chu, Langford &amp;
 * Wang 2011, "Unbiased Offline Evaluation of Contextual-bandit-based News Article Recommendation
 * Algorithms"; the progressive scoring of {@link OffPolicyEstimator}). Each estimate is then an
 * unbiased (IPS, DR) or consistent (SNIPS) estimate of the average reward the candidate would have
 * earned on the logged contexts had it been deployed and learned from the same rewards.
 *
 * <p>The one implementation of scoring: the application's evaluation sub-topology and the
 * {@code evaluate} command both run it, so they agree bit for bit on the same log. Deterministic:
 * a candidate's randomness (linear Thompson sampling's Monte Carlo probabilities, ties) for request r
 * is {@link DecisionRandomness#forRequest}{@code (seed, "shadow:" + candidate + ":" + r)}, a stream
 * distinct from the one the deployed model decided r with, so a candidate's probabilities never
 * share draws with the logged choice. A candidate that would need more arms than max.arms does
 * not learn that round (its state is unchanged), as the model's own update would be refused. Not
 * thread-safe.
 */
public final class ShadowEvaluation {

    /**
     * How a model's candidates are evaluated.
     *
     * @param deployed   the model's configuration: {@code deployed}, and everything a candidate does not set
     * @param candidates the candidates, in order
     * @param rewardMin  rewards' a-priori low end: the reward model's predictions are clipped to the
     *                   range, which is also the empirical-Bernstein intervals' (rewards outside it
     *                   are still used; the intervals then use the observed range)
     * @param rewardMax  rewards' a-priori high end
     * @param weightCap  clipped IPS's weight cap M
     */
    public record Setup(BanditConfig deployed, List<CandidateSpec> candidates, double rewardMin, double rewardMax,
                        double weightCap) {
        public Setup {
            Objects.requireNonNull(deployed, "deployed");
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("a shadow evaluation needs at least one candidate");
            }
            if (!Double.isFinite(rewardMin) || !Double.isFinite(rewardMax) || !(rewardMin < rewardMax)) {
                throw new IllegalArgumentException("need a finite reward range with min < max, got [" + rewardMin + ", "
                    + rewardMax + "]");
            }
            if (!(weightCap > 0) || Double.isInfinite(weightCap)) {
                throw new IllegalArgumentException("the weight cap must be finite and > 0, got " + weightCap);
            }
            for (CandidateSpec candidate : candidates) {
                candidate.resolve(deployed);
            }
        }

        /** What the empirical-Bernstein intervals may assume: the reward range, weights unbounded. */
        public KnownBounds bounds() {
            return new KnownBounds(rewardMin, rewardMax, Double.POSITIVE_INFINITY);
        }

        /**
         * Everything the evaluation's numbers depend on, resolved, as text: a stored evaluation made
         * with another description cannot be continued.
         */
        public String description() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "reward [%s, %s]; weight cap %s; reward model"
                + " ridge d=%d lambda=%s max.arms=%d", rewardMin, rewardMax, weightCap, deployed.dimension(),
                deployed.regularization(), deployed.maxArms()));
            for (CandidateSpec candidate : candidates) {
                s.append("; ").append(candidate.name()).append(" = ").append(describe(candidate.resolve(deployed)));
            }
            return s.toString();
        }
    }

    /** One candidate's current estimates, DM, IPS, clipped IPS, SNIPS and DR in that order. */
    public record CandidateEstimates(String candidate, String learner, List<Estimate> estimates) {
        /** The estimate of the named estimator ({@code ips}, {@code snips}, {@code dr}, ...). */
        public Estimate estimate(String estimator) {
            for (Estimate e : estimates) {
                if (e.estimator().equals(estimator)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("no estimator '" + estimator + "'");
        }
    }

    private static final class Candidate {
        final CandidateSpec spec;
        final BanditConfig config;
        final ContextualBandit learner;
        PolicyEstimates estimates;

        Candidate(CandidateSpec spec, BanditConfig config, ContextualBandit learner, PolicyEstimates estimates) {
            this.spec = spec;
            this.config = config;
            this.learner = learner;
            this.estimates = estimates;
        }
    }

    private final Setup setup;
    private final List<Candidate> candidates;
    private final RidgeRewardModel rewardModel;
    private final BanditConfig disjointEncoding;
    private final BanditConfig sharedEncoding;
    private final boolean anyShared;
    private final String description;
    private Moments rewards;
    private long rounds;

    private ShadowEvaluation(Setup setup, List<Candidate> candidates, RidgeRewardModel rewardModel, Moments rewards,
                             long rounds) {
        this.setup = setup;
        this.candidates = candidates;
        this.rewardModel = rewardModel;
        this.rewards = rewards;
        this.rounds = rounds;
        BanditConfig d = setup.deployed();
        // only dimension, shared and the declared features matter to the encoder; a linear kind, since a
        // multi-armed one cannot be shared (and declares no features)
        this.disjointEncoding = new BanditConfig(LearnerKind.LINUCB, false, d.dimension(), d.regularization(), 0.0,
            d.seed(), d.maxArms(), d.features());
        this.sharedEncoding = new BanditConfig(LearnerKind.LINUCB, true, d.dimension(), d.regularization(), 0.0,
            d.seed(), d.maxArms(), d.features());
        this.anyShared = candidates.stream().anyMatch(c -> c.config != null && c.config.shared());
        this.description = setup.description();
    }

    /** An evaluation that has seen nothing: fresh learners, empty estimates. */
    public static ShadowEvaluation start(Setup setup) {
        List<Candidate> candidates = new ArrayList<>();
        for (CandidateSpec spec : setup.candidates()) {
            BanditConfig config = spec.resolve(setup.deployed());
            candidates.add(new Candidate(spec, config, config == null ? null : LinearBandits.create(config),
                PolicyEstimates.empty(setup.weightCap())));
        }
        return new ShadowEvaluation(setup, candidates, newRewardModel(setup), Moments.EMPTY, 0);
    }

    /**
     * An evaluation restored from its parts, as {@link #learnerState}, {@link #rewardModelState},
     * {@link #estimates(int)}, {@link #rewards()} and {@link #rounds()} gave them.
     *
     * @param learners one per candidate, null for a policy without a learner or a learner that has
     *                 no stored state (it starts fresh)
     * @throws IllegalStateException if a stored state does not fit its candidate's configuration
     */
    public static ShadowEvaluation restore(Setup setup, long rounds, Moments rewards, List<PolicyEstimates> estimates,
                                           List<LinearBanditState> learners,
                                           Map<String, RidgeRegressionState> rewardModel) {
        int n = setup.candidates().size();
        if (estimates.size() != n || learners.size() != n) {
            throw new IllegalStateException("a stored shadow evaluation of " + estimates.size() + " candidates and "
                + learners.size() + " learners does not fit " + n + " candidates");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CandidateSpec spec = setup.candidates().get(i);
            BanditConfig config = spec.resolve(setup.deployed());
            ContextualBandit learner = config == null ? null : learners.get(i) == null ? LinearBandits.create(config)
                : LinearBandits.restore(config, learners.get(i));
            candidates.add(new Candidate(spec, config, learner, estimates.get(i)));
        }
        BanditConfig d = setup.deployed();
        RidgeRewardModel model = RidgeRewardModel.restore(d.dimension(), d.regularization(), setup.rewardMin(),
            setup.rewardMax(), rewardModel);
        return new ShadowEvaluation(setup, candidates, model, rewards, rounds);
    }

    private static RidgeRewardModel newRewardModel(Setup setup) {
        BanditConfig d = setup.deployed();
        return new RidgeRewardModel(d.dimension(), d.regularization(), setup.rewardMin(), setup.rewardMax());
    }

    public Setup setup() {
        return setup;
    }

    /** {@link Setup#description()}, computed once. */
    public String description() {
        return description;
    }

    /** Logged rounds scored so far. */
    public long rounds() {
        return rounds;
    }

    /** The logged rewards so far: their mean is what the logging (deployed) policy earned. */
    public Moments rewards() {
        return rewards;
    }

    public int candidateCount() {
        return candidates.size();
    }

    /** The running estimators of candidate {@code i}. */
    public PolicyEstimates estimates(int i) {
        return candidates.get(i).estimates;
    }

    /** Candidate {@code i}'s learner state, or null for a policy without one. */
    public LinearBanditState learnerState(int i, String modelId) {
        ContextualBandit learner = candidates.get(i).learner;
        return learner == null ? null : learner.toState(modelId);
    }

    /** The reward model's per-action state. */
    public Map<String, RidgeRegressionState> rewardModelState() {
        return rewardModel.toState();
    }

    /**
     * Scores one logged round with every candidate, then lets every candidate and the reward model
     * learn it. Returns each candidate's probabilities of the round's candidates (in candidate order),
     * the ones the round was scored with.
     */
    public double[][] score(LoggedChoice round) {
        Candidates disjoint = CandidateEncoder.encode(round.context(), round.actions(), disjointEncoding);
        Candidates shared = anyShared ? CandidateEncoder.encode(round.context(), round.actions(), sharedEncoding) : null;
        double[] predictions = rewardModel.predict(disjoint.actionIds(), disjoint.features());
        double[][] probabilities = new double[candidates.size()][];
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            probabilities[i] = probabilities(c, c.config != null && c.config.shared() ? shared : disjoint,
                round.requestId());
            c.estimates = c.estimates.update(new LoggedRound(round.chosen(), round.propensity(), round.reward(),
                probabilities[i], predictions));
        }
        rewards = rewards.plus(round.reward());
        rounds++;
        learn(round.chosenAction().getId(), disjoint.features()[round.chosen()],
            shared == null ? null : shared.features()[round.chosen()], round.reward());
        return probabilities;
    }

    /**
     * Learns one round without scoring it: what {@link #score} does after scoring, for rebuilding the
     * learners from a journal of rounds already scored.
     */
    public void learn(Map<String, Double> context, Action chosen, double reward) {
        List<Action> only = List.of(chosen);
        double[] disjoint = CandidateEncoder.encode(context, only, disjointEncoding).features()[0];
        double[] shared = anyShared ? CandidateEncoder.encode(context, only, sharedEncoding).features()[0] : null;
        learn(chosen.getId(), disjoint, shared, reward);
    }

    private void learn(String actionId, double[] disjoint, double[] shared, double reward) {
        for (Candidate c : candidates) {
            if (c.learner == null) {
                continue;
            }
            try {
                c.learner.update(actionId, c.config.shared() ? shared : disjoint, reward);
            } catch (ModelCapacityExceededException full) {
                // the deployed model's update is refused the same way: the candidate keeps its arms
            }
        }
        if (rewardModel.knows(actionId) || rewardModel.actionCount() < setup.deployed().maxArms()) {
            rewardModel.update(actionId, disjoint, reward);
        }
    }

    private static double[] probabilities(Candidate c, Candidates encoded, String requestId) {
        if (c.learner == null) {
            double[] p = new double[encoded.size()];
            Arrays.fill(p, 1.0 / p.length);
            return p;
        }
        SplittableRandom random = DecisionRandomness.forRequest(c.config.seed(), "shadow:" + c.spec.name() + ":" + requestId);
        return c.learner.choose(encoded, random).probabilities();
    }

    /** Every candidate's current estimates with their intervals. */
    public List<CandidateEstimates> estimates() {
        KnownBounds bounds = setup.bounds();
        List<CandidateEstimates> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            out.add(new CandidateEstimates(c.spec.name(), describe(c.config), c.estimates.estimates(bounds)));
        }
        return out;
    }

    /**
     * e.g. {@code linucb-disjoint alpha=0.5 lambda=1.0 seed=42}, {@code sw-ucb xi=0.6 window=1000 seed=42},
     * or {@code uniform} for null.
     */
    public static String describe(BanditConfig config) {
        if (config == null) {
            return "uniform";
        }
        LearnerKind kind = config.kind();
        if (!kind.multiArmed()) {
            String exploration = kind.hasExploration() ? " " + kind.explorationName() + "=" + config.exploration() : "";
            return config.learnerName() + exploration + " lambda=" + config.regularization() + " seed=" + config.seed();
        }
        String settings;
        if (kind == LearnerKind.SLIDING_WINDOW_UCB) {
            settings = " xi=" + config.exploration() + " window=" + config.multiArmed().window();
        } else if (kind == LearnerKind.EXP3_IX) {
            settings = " horizon=" + config.multiArmed().horizon();
        } else if (kind == LearnerKind.DISCOUNTED_THOMPSON) {
            settings = " discount=" + config.multiArmed().discount();
        } else if (kind.hasExploration()) {
            settings = " " + kind.explorationName() + "=" + config.exploration();
        } else {
            settings = "";
        }
        return config.learnerName() + settings + " seed=" + config.seed();
    }

    /** The description of candidate {@code i}'s policy, as in {@link CandidateEstimates#learner()}. */
    public String learner(int i) {
        return describe(candidates.get(i).config);
    }

    /** The name of candidate {@code i}. */
    public String name(int i) {
        return candidates.get(i).spec.name();
    }
}
