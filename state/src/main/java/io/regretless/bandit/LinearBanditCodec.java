package io.regretless.bandit;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.state.LinearBanditState;

/**
 * A learner's whole state as bytes: {@code LinearBanditState} in Avro single-object encoding, the
 * value format of the model store, its changelog and the snapshot topic. Encoding is deterministic:
 * learners fed the same updates encode to the same bytes, and decode → encode gives them back.
 */
public final class LinearBanditCodec {
    private static final AvroCodec<LinearBanditState> CODEC = AvroCodec.of(LinearBanditState.class);

    private LinearBanditCodec() {
    }

    public static byte[] encode(ContextualBandit bandit, String modelId) {
        return CODEC.encode(bandit.toState(modelId));
    }

    /**
     * @throws UnreadableRecordException if the bytes are not a readable {@code LinearBanditState}
     * @throws IllegalStateException if the state does not fit {@code config}
     *     (see {@link LinearBandits#restore})
     */
    public static ContextualBandit decode(byte[] bytes, BanditConfig config) {
        return LinearBandits.restore(config, CODEC.decode(bytes));
    }
}
