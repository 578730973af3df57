package io.regretless.bandit;

import java.util.Map;
import java.util.SplittableRandom;

/** Shared test data: configurations, random candidates and a fixed training history. */
final class Fixtures {
    private Fixtures() {
    }

    static BanditConfig config(LearnerKind kind, boolean shared, int dimension, double exploration) {
        return new BanditConfig(kind, shared, dimension, 1.0, exploration, 42L, 100);
    }

    /** A typical exploration setting per learner. */
    static double exploration(LearnerKind kind) {
        return Map.of(LearnerKind.LINUCB, 1.0, LearnerKind.LINEAR_THOMPSON, 0.5, LearnerKind.SQUARECB, 1.0,
            LearnerKind.EPSILON_GREEDY, 0.2).getOrDefault(kind, kind.defaultExploration());
    }

    static Candidates candidates(SplittableRandom random, int actions, int dimension) {
        String[] ids = new String[actions];
        double[][] features = new double[actions][];
        for (int a = 0; a < actions; a++) {
            ids[a] = "a" + a;
            features[a] = vector(random, dimension);
        }
        return new Candidates(ids, features);
    }

    /** A bias coordinate of 1, then uniform values in [-1, 1). */
    static double[] vector(SplittableRandom random, int dimension) {
        double[] x = new double[dimension];
        x[0] = 1.0;
        for (int i = 1; i < dimension; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }

    /** Feeds {@code rounds} noisy linear rewards for random actions among a0..a{actions-1}. */
    static void train(ContextualBandit bandit, long seed, int rounds, int actions, int dimension) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < rounds; n++) {
            int a = random.nextInt(actions);
            double[] x = vector(random, dimension);
            double reward = 0.3 * a / actions + 0.2 * x[1] + 0.1 * random.nextDouble(-1, 1);
            bandit.update("a" + a, x, reward);
        }
    }

    static double sum(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        return s;
    }
}
