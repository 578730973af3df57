package io.regretless.ops.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.Categorical;
import io.regretless.bandit.Choice;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.DecisionRandomness;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.evaluation.Estimate;
import io.regretless.evaluation.KnownBounds;
import io.regretless.evaluation.LoggedRound;
import io.regretless.evaluation.PolicyEstimates;
import io.regretless.evaluation.RidgeRewardModel;
import io.regretless.evaluation.ShadowPolicy;
import io.regretless.schemas.Action;

/**
 * Do the estimators' intervals cover the truth? A labelled multiclass data set replayed as a
 * contextual bandit (the supervised-to-bandit conversion: context = the features, actions = the
 * classes, reward 1 if the chosen class is the label, else 0), logged by a logging policy, while
 * shadow policies that learn from the same log are scored progressively — each round scored with
 * the shadow's probabilities before it learns from that round — by IPS, SNIPS and DR (a ridge
 * reward model per action, also predicting before it learns).
 *
 * <p>Every policy's true value on the log is known: on round t its expected reward is
 * Σ_a π_t(a|x_t)·1[a = y_t] = π_t(y_t|x_t), and the true value is the mean of that over the
 * rounds. Deterministic given the seed; a benchmark, not a test.
 */
public final class ReplayCoverageExperiment {

    /** How the log is produced. */
    public enum Logging {
        /** Every class with probability 1/K. */
        UNIFORM,
        /** An epsilon-greedy learner (ε = 0.2) deployed on the replay, learning from its own rewards. */
        EPSILON_GREEDY
    }

    /**
     * @param passes    how many times the rows are replayed, each pass in a new seeded order
     * @param logging   the logging policy
     * @param dimension hashed feature dimension of the encoded actions (learners and reward model)
     */
    public record Config(int passes, Logging logging, int dimension) {
        public Config {
            if (passes < 1 || dimension < 1 || logging == null) {
                throw new IllegalArgumentException("need passes >= 1, dimension >= 1 and a logging policy");
            }
        }
    }

    /** One policy on one seed: its true value and the estimates (IPS, SNIPS, DR, DM, clipped IPS). */
    public record PolicyResult(String policy, double trueValue, Map<String, Estimate> estimates) {
        public Estimate estimate(String estimator) {
            return estimates.get(estimator);
        }
    }

    /** The results of one seed, one per shadow policy. */
    public record SeedResult(long seed, long rounds, List<PolicyResult> policies) {
    }

    /** The clip of clipped IPS in this experiment. */
    public static final double WEIGHT_CAP = 5.0;

    private static final double LOGGING_EPSILON = 0.2;

    private ReplayCoverageExperiment() {
    }

    /** The shadow policies of the experiment: the four contextual learners (disjoint) and uniform. */
    public static List<LongFunction<ShadowPolicy>> defaultShadows(int dimension) {
        List<LongFunction<ShadowPolicy>> shadows = new ArrayList<>();
        for (LearnerKind kind : LearnerKind.linear()) {
            shadows.add(seed -> ShadowPolicy.of(kind.shortName(), LinearBandits.create(
                new BanditConfig(kind, false, dimension, 1.0, kind.defaultExploration(), seed, 64))));
        }
        shadows.add(seed -> ShadowPolicy.uniform());
        return shadows;
    }

    /**
     * Replays the rows once per pass, each pass in an order shuffled by the seed.
     *
     * @param features one row of finite features per example
     * @param labels   each row's class, 0 to K − 1 (K = the largest label + 1)
     */
    public static SeedResult run(double[][] features, int[] labels, long seed, Config config,
                                 List<LongFunction<ShadowPolicy>> shadows) {
        int classes = Arrays.stream(labels).max().orElseThrow() + 1;
        List<Action> actions = new ArrayList<>();
        String[] ids = new String[classes];
        for (int a = 0; a < classes; a++) {
            ids[a] = Integer.toString(a);
            actions.add(new Action(ids[a], Map.of()));
        }
        BanditConfig encoding = new BanditConfig(LearnerKind.EPSILON_GREEDY, false, config.dimension(), 1.0,
            LOGGING_EPSILON, seed, classes);
        Candidates[] encoded = new Candidates[features.length];
        for (int i = 0; i < features.length; i++) {
            Map<String, Double> context = new LinkedHashMap<>();
            for (int j = 0; j < features[i].length; j++) {
                context.put("p" + j, features[i][j]);
            }
            encoded[i] = CandidateEncoder.encode(context, actions, encoding);
        }

        ContextualBandit logger = config.logging() == Logging.EPSILON_GREEDY ? LinearBandits.create(encoding) : null;
        List<ShadowPolicy> policies = new ArrayList<>();
        for (int s = 0; s < shadows.size(); s++) {
            policies.add(shadows.get(s).apply(seed * 31 + s));
        }
        PolicyEstimates[] estimates = new PolicyEstimates[policies.size()];
        Arrays.fill(estimates, PolicyEstimates.empty(WEIGHT_CAP));
        double[] truth = new double[policies.size()];
        RidgeRewardModel rewardModel = new RidgeRewardModel(config.dimension(), 1.0, 0.0, 1.0);
        SplittableRandom order = new SplittableRandom(seed);
        double[] uniform = new double[classes];
        Arrays.fill(uniform, 1.0 / classes);
        long round = 0;
        for (int pass = 0; pass < config.passes(); pass++) {
            for (int row : permutation(features.length, order)) {
                Candidates candidates = encoded[row];
                SplittableRandom logRandom = DecisionRandomness.forRequest(seed, "log-" + round);
                Choice logged = logger != null ? logger.choose(candidates, logRandom)
                    : new Choice(Categorical.sample(uniform, logRandom), uniform);
                int action = logged.chosen();
                double reward = action == labels[row] ? 1.0 : 0.0;
                double[] predictions = rewardModel.predict(candidates.actionIds(), candidates.features());
                for (int s = 0; s < policies.size(); s++) {
                    double[] pi = policies.get(s).probabilities(candidates,
                        DecisionRandomness.forRequest(seed * 31 + s, "shadow-" + round));
                    estimates[s] = estimates[s].update(new LoggedRound(action, logged.propensity(), reward, pi, predictions));
                    truth[s] += pi[labels[row]];
                }
                double[] x = candidates.features()[action];
                for (ShadowPolicy policy : policies) {
                    policy.learn(ids[action], x, reward);
                }
                rewardModel.update(ids[action], x, reward);
                if (logger != null) {
                    logger.update(ids[action], x, reward);
                }
                round++;
            }
        }
        List<PolicyResult> results = new ArrayList<>();
        KnownBounds bounds = new KnownBounds(0.0, 1.0,
            logger != null ? classes / LOGGING_EPSILON : classes);
        for (int s = 0; s < policies.size(); s++) {
            Map<String, Estimate> byName = new LinkedHashMap<>();
            for (Estimate e : estimates[s].estimates(bounds)) {
                byName.put(e.estimator(), e);
            }
            results.add(new PolicyResult(policies.get(s).name(), truth[s] / round, byName));
        }
        return new SeedResult(seed, round, results);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * One line per policy over all seeds: mean true value; for IPS, SNIPS and DR the seeds whose
     * normal interval contains the true value, the mean interval width, and the same coverage for
     * the empirical-Bernstein interval.
     */
    public static String table(List<SeedResult> seeds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-16s %7s | %-26s | %-26s | %-26s%n", "policy", "truth",
            "IPS cover/width/EB cover", "SNIPS cover/width/EB cover", "DR cover/width/EB cover"));
        List<PolicyResult> first = seeds.get(0).policies();
        for (int p = 0; p < first.size(); p++) {
            double truth = 0;
            for (SeedResult seed : seeds) {
                truth += seed.policies().get(p).trueValue() / seeds.size();
            }
            s.append(String.format("%-16s %7.4f", first.get(p).policy(), truth));
            for (String estimator : List.of("ips", "snips", "dr")) {
                int covered = 0;
                int coveredBernstein = 0;
                double width = 0;
                for (SeedResult seed : seeds) {
                    PolicyResult result = seed.policies().get(p);
                    Estimate e = result.estimate(estimator);
                    covered += e.normal().contains(result.trueValue()) ? 1 : 0;
                    coveredBernstein += e.bernstein().contains(result.trueValue()) ? 1 : 0;
                    width += e.normal().width() / seeds.size();
                }
                s.append(String.format(" | %2d/%-2d  %8.4f  %2d/%-2d      ", covered, seeds.size(), width,
                    coveredBernstein, seeds.size()));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
