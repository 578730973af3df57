package io.regretless.codec;

import java.util.ArrayList;
import java.util.List;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.GroupRegret;
import io.regretless.schemas.state.ExpertsModelState;

/**
 * An {@link ExpertsModel} as Avro bytes ({@link ExpertsModelState}, single-object encoding) and back,
 * bit for bit (doubles travel as their IEEE-754 bits).
 */
public final class ExpertsModelCodec {
    /** The released {@code ExpertsModelState} schema this codec writes. */
    public static final int SCHEMA_VERSION = 1;

    private static final VersionedRecordCodec<ExpertsModelState> CODEC =
        VersionedRecordCodec.of(ExpertsModelState.class, SCHEMA_VERSION);

    private ExpertsModelCodec() {
    }

    public static byte[] encode(ExpertsModel model, String modelId) {
        List<io.regretless.schemas.state.PackedState> regret = new ArrayList<>();
        for (GroupRegret.State s : model.regretStates()) {
            regret.add(PackedStateCodec.toAvro(ExpertsStateCodec.pack(s)));
        }
        return CODEC.encode(new ExpertsModelState(modelId, model.shape().mode().wireName(), model.version(),
            PackedStateCodec.toAvro(ExpertsStateCodec.pack(model.learnerState())), regret));
    }

    /**
     * Restores a model stored with {@link #encode}.
     *
     * @throws io.regretless.schemas.codec.UnreadableRecordException for bytes that are not a stored model
     * @throws IllegalArgumentException if the stored model does not have the expected shape
     */
    public static ExpertsModel decode(byte[] bytes, ExpertsModel.Shape expected) {
        ExpertsModelState state = CODEC.decode(bytes);
        if (!state.getMode().equals(expected.mode().wireName())) {
            throw new IllegalArgumentException("stored model '" + state.getModelId() + "' is in " + state.getMode()
                + " mode, configured: " + expected.mode().wireName());
        }
        List<GroupRegret.State> regret = new ArrayList<>();
        for (io.regretless.schemas.state.PackedState s : state.getGroupRegret()) {
            regret.add(ExpertsStateCodec.unpackGroupRegret(PackedStateCodec.fromAvro(s)));
        }
        PackedState learner = PackedStateCodec.fromAvro(state.getLearner());
        ExpertsModel.LearnerState learnerState = expected.mode() == ExpertsModel.Mode.ADVICE
            ? ExpertsStateCodec.unpackAdviceCombiner(learner) : ExpertsStateCodec.unpackGroupwiseRidge(learner);
        return ExpertsModel.restore(expected, learnerState, regret, state.getVersion());
    }

    /** The version of a stored model, without restoring it. */
    public static long version(byte[] bytes) {
        return CODEC.decode(bytes).getVersion();
    }
}
