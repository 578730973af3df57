package io.regretless.bandit.mab;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.Choice;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.MultiArmedSettings;
import io.regretless.schemas.state.LinearBanditState;

/**
 * A multi-armed bandit as a learner of the topology: the {@link ContextualBandit} the decide path,
 * the model journal and the published model use, over one {@link MultiArmedBandit}. Features are
 * ignored (a request may carry no context and actions no features); candidates are arms by id; the
 * choice and its probabilities are the multi-armed learner's own, so logged propensities are exact
 * (Thompson sampling's within {@link ProbabilityOfMaximum}'s bound). The state is the learner's
 * {@link MabState} in the {@code multiArmed} field of a {@code LinearBanditState} with no ridge arms.
 *
 * <p>Built from a {@link BanditConfig}: ucb1; ts-bernoulli and ts-discounted with the papers'
 * Beta(1, 1) prior (ts-discounted with the configured discount); ts-gaussian with prior N(0, v²) and
 * reward variance v², v the exploration (v = 1 is Agrawal &amp; Goyal's algorithm, larger v explores
 * more, for rewards on a larger scale); exp3-ix with the configured horizon; sw-ucb with the
 * configured window and ξ the exploration.
 */
public final class MultiArmedModel implements ContextualBandit {
    private final MultiArmedBandit bandit;

    private MultiArmedModel(MultiArmedBandit bandit) {
        this.bandit = bandit;
    }

    /** A learner that has seen nothing. */
    public static MultiArmedModel create(BanditConfig config) {
        int maxArms = config.maxArms();
        MultiArmedSettings s = config.multiArmed();
        double v = config.exploration();
        LearnerKind kind = config.kind();
        MultiArmedBandit bandit;
        if (kind == LearnerKind.UCB1) {
            bandit = new Ucb1(maxArms);
        } else if (kind == LearnerKind.BERNOULLI_THOMPSON) {
            bandit = new BernoulliThompsonSampling(maxArms, 1, 1);
        } else if (kind == LearnerKind.GAUSSIAN_THOMPSON) {
            bandit = new GaussianThompsonSampling(maxArms, 0, v * v, v * v);
        } else if (kind == LearnerKind.EXP3_IX) {
            bandit = new Exp3Ix(maxArms, s.horizon());
        } else if (kind == LearnerKind.DISCOUNTED_THOMPSON) {
            bandit = new DiscountedThompsonSampling(maxArms, s.discount(), 1, 1);
        } else if (kind == LearnerKind.SLIDING_WINDOW_UCB) {
            bandit = new SlidingWindowUcb(maxArms, s.window(), v);
        } else {
            throw notMultiArmed(kind);
        }
        return new MultiArmedModel(bandit);
    }

    /**
     * The learner a stored state describes, configured by {@code config}.
     *
     * @throws IllegalStateException naming both when the state was written by another learner or
     *     with another window, or when it is malformed
     */
    public static MultiArmedModel restore(BanditConfig config, LinearBanditState state) {
        Objects.requireNonNull(state, "state");
        if (!config.learnerName().equals(state.getLearner()) || state.getMultiArmed() == null
                || !state.getArms().isEmpty()) {
            throw new IllegalStateException("stored model '" + state.getModelId() + "' was written by learner '"
                + state.getLearner() + "' but the configuration asks for '" + config.learnerName() + "'");
        }
        if (state.getVersion() < 0) {
            throw new IllegalStateException("stored model '" + state.getModelId() + "' has a negative version");
        }
        MabState stored = MabStateCodec.decode(state.getLearner(), state.getVersion(), state.getMultiArmed());
        int maxArms = config.maxArms();
        double v = config.exploration();
        MultiArmedBandit bandit;
        if (stored instanceof Ucb1.State s) {
            bandit = Ucb1.restore(maxArms, s);
        } else if (stored instanceof BernoulliThompsonSampling.State s) {
            bandit = BernoulliThompsonSampling.restore(maxArms, 1, 1, s);
        } else if (stored instanceof GaussianThompsonSampling.State s) {
            bandit = GaussianThompsonSampling.restore(maxArms, 0, v * v, v * v, s);
        } else if (stored instanceof Exp3Ix.State s) {
            bandit = Exp3Ix.restore(maxArms, config.multiArmed().horizon(), s);
        } else if (stored instanceof DiscountedThompsonSampling.State s) {
            bandit = DiscountedThompsonSampling.restore(maxArms, config.multiArmed().discount(), 1, 1, s);
        } else {
            SlidingWindowUcb.State s = (SlidingWindowUcb.State) stored;
            if (s.window() != config.multiArmed().window()) {
                throw new IllegalStateException("stored model '" + state.getModelId() + "' has window " + s.window()
                    + " but the configuration asks for window " + config.multiArmed().window());
            }
            bandit = SlidingWindowUcb.restore(maxArms, v, s);
        }
        return new MultiArmedModel(bandit);
    }

    private static IllegalArgumentException notMultiArmed(LearnerKind kind) {
        return new IllegalArgumentException(kind.shortName() + " is not a multi-armed learner");
    }

    /** The multi-armed learner inside. */
    public MultiArmedBandit bandit() {
        return bandit;
    }

    @Override
    public String learner() {
        return bandit.learner();
    }

    @Override
    public long version() {
        return bandit.version();
    }

    @Override
    public int armCount() {
        return bandit.arms().size();
    }

    @Override
    public boolean isNewArm(String actionId) {
        return !bandit.arms().contains(actionId);
    }

    /** Chooses among the candidates by id; their features are not read. */
    @Override
    public Choice choose(Candidates candidates, SplittableRandom random) {
        return bandit.choose(candidates.actionIds(), random);
    }

    @Override
    public void update(String actionId, double[] features, double reward, double weight) {
        update(actionId, features, reward, weight, null);
    }

    /**
     * Learns the reward of {@code actionId}; features are ignored. EXP3-IX divides by the logged
     * propensity; without one it recomputes the probability over its known arms.
     *
     * @throws IllegalArgumentException if the weight is not 1 (a multi-armed learner counts each
     *     reward once), or the reward or propensity is outside what the learner takes
     */
    @Override
    public void update(String actionId, double[] features, double reward, double weight, Double propensity) {
        if (weight != 1.0) {
            throw new IllegalArgumentException(bandit.learner() + " learns each reward once: importance weight "
                + weight + " is not 1");
        }
        if (propensity == null) {
            bandit.update(actionId, reward);
        } else {
            bandit.update(actionId, reward, propensity);
        }
    }

    @Override
    public LinearBanditState toState(String modelId) {
        return LinearBanditState.newBuilder()
            .setModelId(modelId)
            .setLearner(bandit.learner())
            .setVersion(bandit.version())
            .setArms(List.of())
            .setSettings(null)
            .setMultiArmed(MabStateCodec.encode(bandit.state()))
            .build();
    }
}
