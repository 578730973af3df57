package io.regretless.ops.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.regretless.evaluation.InvalidLogException;
import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.codec.SchemaViolationException;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;

/**
 * Candidate policies evaluated on a log of one model's feedback records, read in order — what the
 * application's evaluation sub-topology does on the live log, by the same code
 * ({@link ShadowEvaluation}), so the same feedback gives the same estimates bit for bit. Records of
 * other models are skipped, a request id read again (a replay, an at-least-once restart) is counted
 * once, and records an estimator must not use are refused with the reason, as the application
 * dead-letters them.
 */
public final class OfflineEvaluation {
    /** Sees every scored round with the probabilities each candidate gave its candidates. */
    @FunctionalInterface
    public interface RoundListener {
        void scored(LoggedChoice round, double[][] probabilities);
    }

    private static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    private static final int DETAILS = 3;

    private final ShadowEvaluation evaluation;
    private final RoundListener listener;
    private String modelId;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> otherModels = new TreeMap<>();
    private final Map<String, Long> refused = new TreeMap<>();
    private final List<String> details = new ArrayList<>();
    private long read;
    private long duplicates;

    /**
     * @param modelId the model whose records are evaluated, or null for the model of the first record
     */
    public OfflineEvaluation(ShadowEvaluation.Setup setup, String modelId, RoundListener listener) {
        this.evaluation = ShadowEvaluation.start(setup);
        this.modelId = modelId;
        this.listener = listener;
    }

    public OfflineEvaluation(ShadowEvaluation.Setup setup, String modelId) {
        this(setup, modelId, (round, probabilities) -> { });
    }

    /** One record as it was read: single-object Avro or natural JSON. */
    public void accept(byte[] value) {
        read++;
        Feedback feedback;
        try {
            feedback = FEEDBACK.decode(value);
        } catch (SchemaViolationException e) {
            refuse("INVALID_RECORD", e.getMessage());
            return;
        } catch (UnreadableRecordException e) {
            refuse("UNREADABLE", e.getMessage());
            return;
        }
        take(feedback);
    }

    /** One decoded record. */
    public void accept(Feedback feedback) {
        read++;
        take(feedback);
    }

    private void take(Feedback feedback) {
        String model = feedback.getDecision().getModelId();
        if (modelId == null) {
            modelId = model;
        }
        if (!modelId.equals(model)) {
            otherModels.merge(model, 1L, Long::sum);
            return;
        }
        LoggedChoice round;
        try {
            round = LoggedChoice.of(feedback);
        } catch (InvalidLogException e) {
            refuse(e.reason(), e.getMessage());
            return;
        }
        if (!seen.add(round.requestId())) {
            duplicates++;
            return;
        }
        listener.scored(round, evaluation.score(round));
    }

    private void refuse(String reason, String detail) {
        refused.merge(reason, 1L, Long::sum);
        if (details.size() < DETAILS) {
            details.add(reason + ": " + detail);
        }
    }

    public ShadowEvaluation evaluation() {
        return evaluation;
    }

    /** The model evaluated; null before a record of it was read. */
    public String modelId() {
        return modelId;
    }

    /** Records read, of every model. */
    public long read() {
        return read;
    }

    /** Second copies of a request already scored. */
    public long duplicates() {
        return duplicates;
    }

    /** Refused records by reason. */
    public Map<String, Long> refused() {
        return refused;
    }

    /** The first few refusals, with their reasons. */
    public List<String> refusalDetails() {
        return details;
    }

    /** Records of other models, by model. */
    public Map<String, Long> otherModels() {
        return otherModels;
    }
}
