package io.regretless.codec;

import java.util.ArrayList;
import java.util.List;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.BanditState;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LinearBandits;
import io.regretless.bandit.mab.MabState;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.state.ArmModel;
import io.regretless.schemas.state.LinearBanditState;

/**
 * A learner's whole state as bytes: its {@link BanditState} as a {@code LinearBanditState} in Avro
 * single-object encoding, the value format of the model store, its changelog and the snapshot topic
 * (ridge arms through {@link RidgeStatisticsCodec}, a multi-armed learner's state through
 * {@link MabStateCodec}). Encoding is deterministic: learners fed the same updates encode to the same
 * bytes, and decode → encode gives them back.
 *
 * <p>The version of the stored form is the writer schema's, carried by its fingerprint in every
 * record: this codec writes {@code LinearBanditState} v{@value #SCHEMA_VERSION} and reads every
 * released version ({@code schemas/src/main/avro/history}); bytes of any other schema are refused
 * with an {@link UnreadableRecordException} that says so ({@link VersionedRecordCodec}).
 */
public final class LinearBanditCodec {
    /** The released {@code LinearBanditState} schema this codec writes. */
    public static final int SCHEMA_VERSION = 4;

    private static final VersionedRecordCodec<LinearBanditState> CODEC =
        VersionedRecordCodec.of(LinearBanditState.class, SCHEMA_VERSION);

    private LinearBanditCodec() {
    }

    public static byte[] encode(ContextualBandit bandit, String modelId) {
        return CODEC.encode(toAvro(bandit.toState(modelId)));
    }

    /** A stored record as bytes (a published model's, with its settings). */
    public static byte[] encode(LinearBanditState record) {
        return CODEC.encode(record);
    }

    /**
     * The stored record in {@code bytes}.
     *
     * @throws UnreadableRecordException if the bytes are not a readable {@code LinearBanditState}
     */
    public static LinearBanditState decodeRecord(byte[] bytes) {
        return CODEC.decode(bytes);
    }

    /**
     * @throws UnreadableRecordException if the bytes are not a readable {@code LinearBanditState}
     * @throws IllegalStateException if the state does not fit {@code config}
     *     (see {@link LinearBandits#restore})
     */
    public static ContextualBandit decode(byte[] bytes, BanditConfig config) {
        return LinearBandits.restore(config, fromAvro(CODEC.decode(bytes)));
    }

    /** The stored record of a state, without settings (those are a published model's, {@code PublishedBandit}). */
    public static LinearBanditState toAvro(BanditState state) {
        List<ArmModel> arms = new ArrayList<>(state.arms().size());
        for (BanditState.Arm arm : state.arms()) {
            arms.add(new ArmModel(arm.actionId(), RidgeStatisticsCodec.toAvro(arm.model())));
        }
        return new LinearBanditState(state.modelId(), state.learner(), state.version(), arms, null,
            state.multiArmed() == null ? null : MabStateCodec.encode(state.multiArmed()));
    }

    /**
     * The state a stored record holds; its settings, if any, are not read.
     *
     * @throws IllegalStateException if an arm's model or the multi-armed state is malformed
     */
    public static BanditState fromAvro(LinearBanditState stored) {
        List<BanditState.Arm> arms = new ArrayList<>(stored.getArms().size());
        for (ArmModel arm : stored.getArms()) {
            arms.add(new BanditState.Arm(arm.getActionId(), RidgeStatisticsCodec.stateFromAvro(arm.getModel())));
        }
        MabState multiArmed = stored.getMultiArmed() == null ? null
            : MabStateCodec.decode(stored.getLearner(), stored.getVersion(), stored.getMultiArmed());
        return new BanditState(stored.getModelId(), stored.getLearner(), stored.getVersion(), arms, multiArmed);
    }
}
