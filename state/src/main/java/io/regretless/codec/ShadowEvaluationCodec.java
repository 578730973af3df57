package io.regretless.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regretless.bandit.BanditState;
import io.regretless.evaluation.ClippedInversePropensityScoring;
import io.regretless.evaluation.DirectMethod;
import io.regretless.evaluation.DoublyRobust;
import io.regretless.evaluation.InversePropensityScoring;
import io.regretless.evaluation.Moments;
import io.regretless.evaluation.PolicyEstimates;
import io.regretless.evaluation.SelfNormalizedInversePropensityScoring;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.linalg.RidgeStatistics;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.schemas.state.RidgeRegressionState;
import io.regretless.schemas.state.ShadowEvaluationState;

/**
 * A {@link ShadowEvaluation}'s stored forms. Its running estimates as a {@code ShadowEvaluationState}: each
 * candidate's five estimators (every {@link Moments} field, bit for bit) and the logged rewards'
 * moments, packed flat. The candidates' learners and the reward model are stored apart, as
 * {@code LinearBanditState}s, since they are large and change by a rank-one update per round, while
 * these records are a few hundred bytes per candidate ({@link #restore} translates those with
 * {@link LinearBanditCodec} and {@link RidgeStatisticsCodec}).
 *
 * <p>Versions: the record is {@code ShadowEvaluationState} {@link #SCHEMA_VERSION} (its schema fingerprint);
 * each packed part starts with its layout, {@value #LAYOUT}, checked on read.
 */
public final class ShadowEvaluationCodec {
    private static final String REWARDS = "rewards";
    /** The released {@code ShadowEvaluationState} schema the records are built for. */
    public static final int SCHEMA_VERSION = VersionedRecordCodec.requireNewest(ShadowEvaluationState.class, 1);
    /** The version of each packed part's layout, its first value, checked on read. */
    private static final long LAYOUT = 1;

    private ShadowEvaluationCodec() {
    }

    /** The estimates of {@code evaluation} and where its journal stands. */
    public static ShadowEvaluationState toState(String modelId, ShadowEvaluation evaluation, long timestamp,
                                                long sequence, long snapshotSequence) {
        List<io.regretless.schemas.state.PackedState> candidates = new ArrayList<>(evaluation.candidateCount());
        for (int i = 0; i < evaluation.candidateCount(); i++) {
            candidates.add(PackedStateCodec.toAvro(pack(evaluation.name(i), evaluation.estimates(i))));
        }
        StateWriter rewards = new StateWriter(REWARDS).putLong(LAYOUT);
        put(rewards, evaluation.rewards());
        return ShadowEvaluationState.newBuilder()
            .setModelId(modelId)
            .setSetup(evaluation.description())
            .setRounds(evaluation.rounds())
            .setTimestamp(timestamp)
            .setSequence(sequence)
            .setSnapshotSequence(snapshotSequence)
            .setRewards(PackedStateCodec.toAvro(rewards.build()))
            .setCandidates(candidates)
            .build();
    }

    /**
     * The evaluation a state, the candidates' stored learners (null where none is stored) and the
     * reward model's stored per-action models describe.
     *
     * @throws IllegalStateException if the state was written with another setup or is malformed
     */
    public static ShadowEvaluation restore(ShadowEvaluation.Setup setup, ShadowEvaluationState state,
                                           List<LinearBanditState> learners,
                                           Map<String, RidgeRegressionState> rewardModel) {
        List<BanditState> learnerStates = new ArrayList<>(learners.size());
        for (LinearBanditState learner : learners) {
            learnerStates.add(learner == null ? null : LinearBanditCodec.fromAvro(learner));
        }
        Map<String, RidgeStatistics.State> rewardStates = new LinkedHashMap<>();
        rewardModel.forEach((action, model) -> rewardStates.put(action, RidgeStatisticsCodec.stateFromAvro(model)));
        if (!setup.description().equals(state.getSetup())) {
            throw new IllegalStateException("the stored shadow evaluation of model '" + state.getModelId()
                + "' was made with another setup: " + state.getSetup());
        }
        List<PolicyEstimates> estimates = new ArrayList<>();
        for (int i = 0; i < setup.candidates().size(); i++) {
            estimates.add(estimates(state, i, setup.candidates().get(i).name()));
        }
        return ShadowEvaluation.restore(setup, state.getRounds(), rewards(state), estimates, learnerStates,
            rewardStates);
    }

    /** The logged rewards' moments. */
    public static Moments rewards(ShadowEvaluationState state) {
        StateReader in = reader(state.getRewards(), REWARDS);
        Moments rewards = moments(in);
        in.finish();
        return rewards;
    }

    /** The names of the candidates the state holds, in order. */
    public static List<String> candidates(ShadowEvaluationState state) {
        return state.getCandidates().stream().map(io.regretless.schemas.state.PackedState::getKind).toList();
    }

    /** Candidate {@code i}'s estimators; {@code name} must be its name. */
    public static PolicyEstimates estimates(ShadowEvaluationState state, int i, String name) {
        if (i >= state.getCandidates().size()) {
            throw new IllegalStateException("the stored shadow evaluation of model '" + state.getModelId() + "' has "
                + state.getCandidates().size() + " candidates, not " + (i + 1));
        }
        StateReader in = reader(state.getCandidates().get(i), name);
        DirectMethod dm = new DirectMethod(moments(in), moments(in));
        InversePropensityScoring ips = new InversePropensityScoring(moments(in), moments(in));
        ClippedInversePropensityScoring clipped = new ClippedInversePropensityScoring(in.getDouble(), moments(in),
            moments(in));
        SelfNormalizedInversePropensityScoring snips = new SelfNormalizedInversePropensityScoring(moments(in),
            moments(in), in.getDouble());
        DoublyRobust dr = new DoublyRobust(moments(in), moments(in));
        in.finish();
        return new PolicyEstimates(dm, ips, clipped, snips, dr);
    }

    static PackedState pack(String name, PolicyEstimates e) {
        StateWriter out = new StateWriter(name).putLong(LAYOUT);
        put(out, e.directMethod().terms());
        put(out, e.directMethod().weights());
        put(out, e.ips().terms());
        put(out, e.ips().weights());
        out.putDouble(e.clippedIps().cap());
        put(out, e.clippedIps().terms());
        put(out, e.clippedIps().weights());
        put(out, e.snips().weightedRewards());
        put(out, e.snips().weights());
        out.putDouble(e.snips().crossDeviations());
        put(out, e.doublyRobust().terms());
        put(out, e.doublyRobust().weights());
        return out.build();
    }

    private static void put(StateWriter out, Moments m) {
        out.putLong(m.count()).putDouble(m.mean()).putDouble(m.squaredDeviations()).putDouble(m.min())
            .putDouble(m.max());
    }

    private static Moments moments(StateReader in) {
        return new Moments(in.getLong(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble());
    }

    private static StateReader reader(io.regretless.schemas.state.PackedState avro, String kind) {
        StateReader in;
        try {
            in = new StateReader(PackedStateCodec.fromAvro(avro), kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored shadow evaluation: " + e.getMessage(), e);
        }
        long layout = in.getLong();
        if (layout != LAYOUT) {
            throw new IllegalStateException("stored shadow evaluation state of '" + kind + "' has layout " + layout
                + ", this version reads " + LAYOUT);
        }
        return in;
    }
}
