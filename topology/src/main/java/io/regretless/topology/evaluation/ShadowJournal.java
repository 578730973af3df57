package io.regretless.topology.evaluation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.bandit.BanditState;
import io.regretless.codec.LinearBanditCodec;
import io.regretless.codec.RidgeStatisticsCodec;
import io.regretless.codec.ShadowEvaluationCodec;
import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.state.ArmModel;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.schemas.state.RidgeRegressionState;
import io.regretless.schemas.state.ShadowEvaluationState;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.snapshot.RingJournal;

/**
 * The shadow evaluations of one task, written once per round without re-encoding a learner: each
 * round's running estimates (a few hundred bytes per candidate) go to the evaluations store, and the
 * round itself — the context, the chosen action and its reward, what the learners learn — is
 * appended to a journal; the candidates' learners and the reward model are written whole to the
 * learners store only every {@value #RING}/2 rounds. All three stores are changelog-backed and
 * written while the round is processed, in the transaction of its offset, so a restarted task
 * rebuilds every evaluation exactly: the estimates as stored, the learners from their snapshot and
 * the journal's rounds after it, learned again in order — bit for bit what it had.
 *
 * <p>The journal is a {@link RingJournal}: each round is its entry at the round's journal position,
 * as a {@code LoggedFeedback} whose only action is the chosen one. Positions keep growing when an evaluation is started afresh (its setup changed),
 * so an older round can never be taken for a newer one.
 */
final class ShadowJournal {
    static final int RING = RingJournal.SLOTS;
    static final String REWARD_MODEL = "ridge-reward-model";
    private static final AvroCodec<ShadowEvaluationState> STATES = AvroCodec.of(ShadowEvaluationState.class);
    private static final AvroCodec<LinearBanditState> LEARNERS = AvroCodec.of(LinearBanditState.class);
    private static final AvroCodec<LoggedFeedback> ROUNDS = AvroCodec.of(LoggedFeedback.class);
    private static final byte CANDIDATE = 'c';
    private static final byte REWARDS = 'r';

    /** One model's evaluation in memory and where its journal stands. */
    private static final class Entry {
        final ShadowEvaluation evaluation;
        long sequence;
        long snapshotSequence;

        Entry(ShadowEvaluation evaluation, long sequence, long snapshotSequence) {
            this.evaluation = evaluation;
            this.sequence = sequence;
            this.snapshotSequence = snapshotSequence;
        }
    }

    private final KeyValueStore<String, byte[]> evaluations;
    private final KeyValueStore<Bytes, byte[]> learners;
    private final RingJournal journal;
    private final Map<String, ModelConfig> configs;
    private final Runnable restarted;
    private final Map<String, Entry> models = new HashMap<>();

    /** @param restarted called when a stored evaluation made with another setup is started afresh */
    ShadowJournal(KeyValueStore<String, byte[]> evaluations, KeyValueStore<Bytes, byte[]> learners,
                  KeyValueStore<Bytes, byte[]> journal, Map<String, ModelConfig> configs, Runnable restarted) {
        this.evaluations = evaluations;
        this.learners = learners;
        this.journal = new RingJournal(journal);
        this.configs = configs;
        this.restarted = restarted;
    }

    /** The model's evaluation: in memory, or rebuilt from the stores. */
    ShadowEvaluation evaluation(String modelId) {
        return entry(modelId).evaluation;
    }

    /**
     * Scores {@code round}, lets the candidates learn it, and writes the result: the round to the
     * journal, the estimates to the evaluations store, and every {@value #RING}/2 rounds the learners.
     * An evaluation that fails half-way is dropped from memory and rebuilt from the stores next time.
     */
    ShadowEvaluation record(String modelId, LoggedChoice round, long timestamp) {
        Entry entry = entry(modelId);
        try {
            entry.evaluation.score(round);
            entry.sequence++;
            byte[] raw = ROUNDS.encode(LoggedFeedback.newBuilder()
                .setEventId(round.requestId())
                .setModelId(modelId)
                .setTimestamp(timestamp)
                .setContext(round.context())
                .setActions(List.of(round.chosenAction()))
                .setChosenActionId(round.chosenAction().getId())
                .setPropensity(round.propensity())
                .setReward(round.reward())
                .build());
            journal.append(modelId, entry.sequence, raw);
            if (entry.sequence - entry.snapshotSequence >= RING / 2) {
                snapshot(modelId, entry);
            }
            store(modelId, entry, timestamp);
            return entry.evaluation;
        } catch (RuntimeException e) {
            models.remove(modelId);
            throw e;
        }
    }

    /** Forgets the evaluations in memory, e.g. when the task closes. */
    void clear() {
        models.clear();
    }

    private void store(String modelId, Entry entry, long timestamp) {
        evaluations.put(modelId, STATES.encode(ShadowEvaluationCodec.toState(modelId, entry.evaluation, timestamp,
            entry.sequence, entry.snapshotSequence)));
    }

    private void snapshot(String modelId, Entry entry) {
        ShadowEvaluation evaluation = entry.evaluation;
        for (int i = 0; i < evaluation.candidateCount(); i++) {
            BanditState state = evaluation.learnerState(i, modelId);
            if (state != null) {
                learners.put(key(modelId, CANDIDATE, evaluation.name(i)),
                    LEARNERS.encode(LinearBanditCodec.toAvro(state)));
            }
        }
        List<ArmModel> arms = new ArrayList<>();
        evaluation.rewardModelState().forEach((action, model) ->
            arms.add(new ArmModel(action, RidgeStatisticsCodec.toAvro(model))));
        learners.put(key(modelId, REWARDS, ""), LEARNERS.encode(
            new LinearBanditState(modelId, REWARD_MODEL, evaluation.rounds(), arms, null, null)));
        entry.snapshotSequence = entry.sequence;
    }

    private Entry entry(String modelId) {
        return models.computeIfAbsent(modelId, this::load);
    }

    private Entry load(String modelId) {
        ModelConfig config = configs.get(modelId);
        ShadowEvaluation.Setup setup = config.shadows().setup(config.bandit());
        byte[] stored = evaluations.get(modelId);
        if (stored == null) {
            return new Entry(ShadowEvaluation.start(setup), 0, 0);
        }
        ShadowEvaluationState state = STATES.decode(stored);
        if (!state.getSetup().equals(setup.description())) {
            return restart(modelId, setup, state);
        }
        List<LinearBanditState> snapshots = new ArrayList<>();
        for (int i = 0; i < setup.candidates().size(); i++) {
            byte[] bytes = learners.get(key(modelId, CANDIDATE, setup.candidates().get(i).name()));
            snapshots.add(bytes == null ? null : LEARNERS.decode(bytes));
        }
        Map<String, RidgeRegressionState> rewardModel = new LinkedHashMap<>();
        byte[] rewards = learners.get(key(modelId, REWARDS, ""));
        if (rewards != null) {
            LEARNERS.decode(rewards).getArms().forEach(arm -> rewardModel.put(arm.getActionId(), arm.getModel()));
        }
        ShadowEvaluation evaluation = ShadowEvaluationCodec.restore(setup, state, snapshots, rewardModel);
        replay(modelId, evaluation, state.getSnapshotSequence(), state.getSequence());
        return new Entry(evaluation, state.getSequence(), state.getSnapshotSequence());
    }

    /** Learns the journaled rounds after the snapshot again, in order. */
    private void replay(String modelId, ShadowEvaluation evaluation, long snapshotSequence, long sequence) {
        List<RingJournal.Entry> later = journal.between(modelId, snapshotSequence, sequence);
        if (later.size() != sequence - snapshotSequence) {
            throw new IllegalStateException("the shadow journal of model '" + modelId + "' is broken: it holds "
                + later.size() + " of the " + (sequence - snapshotSequence) + " rounds after the learners' snapshot");
        }
        for (RingJournal.Entry journaled : later) {
            LoggedFeedback round = ROUNDS.decode(journaled.bytes());
            evaluation.learn(round.getContext(), round.getActions().get(0), round.getReward());
        }
    }

    /**
     * A stored evaluation made with another setup (candidates or settings changed): started afresh,
     * its learners' snapshots replaced and those of candidates no longer configured deleted, its
     * journal positions continued.
     */
    private Entry restart(String modelId, ShadowEvaluation.Setup setup, ShadowEvaluationState old) {
        restarted.run();
        for (String name : ShadowEvaluationCodec.candidates(old)) {
            learners.delete(key(modelId, CANDIDATE, name));
        }
        Entry entry = new Entry(ShadowEvaluation.start(setup), old.getSequence(), old.getSequence());
        snapshot(modelId, entry);
        return entry;
    }

    private static Bytes key(String modelId, byte kind, String name) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + 2 + n.length).put(id).put((byte) 0).put(kind).put(n).array());
    }
}
