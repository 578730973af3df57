package io.regretless.topology.evaluation;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.regretless.connectors.decide.RequestChecks;
import io.regretless.connectors.decide.RequestRefusedException;
import io.regretless.evaluation.Estimate;
import io.regretless.evaluation.InvalidLogException;
import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.task.LearningTaskProcessor;

/**
 * The task that owns a model's feedback partition evaluates its shadow policies: each feedback
 * record is checked ({@link LoggedChoice#of}: a propensity of 0, above 1, or not the chosen action's
 * entry of the decision's own probability vector is dead-lettered with the reason and never reaches
 * an estimator), scored by every candidate before the candidates learn it ({@link ShadowEvaluation}),
 * and written to the stores ({@link ShadowJournal}). After every {@code shadows.publish.every}
 * rounds of a model a {@code PolicyEvaluation} goes to the policy-evaluation topic and the gauges
 * {@code policy-value}, {@code policy-value-lower} and {@code policy-value-upper} (tags model,
 * candidate, estimator: IPS, SNIPS, DR; the normal interval) are set. Publication counts rounds, not
 * wall time, so a replay of the same feedback writes the same records.
 *
 * <p>Feedback of a model without shadow policies is skipped by its key, without being decoded.
 */
final class PolicyEvaluationProcessor extends LearningTaskProcessor {
    private static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    private static final WireCodec<PolicyEvaluation> EVALUATIONS = WireCodec.of(PolicyEvaluation.class);
    private static final String[] GAUGED = {"ips", "snips", "dr"};

    private ShadowJournal journal;

    PolicyEvaluationProcessor(RegretlessConfig config) {
        super(config, EvaluationTopology.DEAD_LETTERS_SINK, null);
    }

    @Override
    protected void initPart(ProcessorContext<byte[], byte[]> context) {
        journal = new ShadowJournal(context.getStateStore(EvaluationTopology.EVALUATIONS_STORE),
            context.getStateStore(EvaluationTopology.LEARNERS_STORE),
            context.getStateStore(EvaluationTopology.JOURNAL_STORE), config.models(),
            () -> counters().increment("shadow-evaluations-restarted-total",
                "Shadow evaluations started afresh because their candidates or settings changed", Map.of()));
    }

    @Override
    protected void route(String topic, Record<byte[], byte[]> record) {
        String keyed = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        ModelConfig keyedModel = keyed == null ? null : config.models().get(keyed);
        if (keyedModel != null && !keyedModel.shadows().enabled()) {
            return;
        }
        Feedback feedback = FEEDBACK.decode(record.value(), record.timestamp());
        String modelId = feedback.getDecision().getModelId();
        ModelConfig model = config.models().get(modelId);
        if (model == null) {
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_MODEL,
                "/decision/modelId: model '" + modelId + "' is not configured; configured: " + config.models().keySet());
        }
        if (!model.shadows().enabled()) {
            return;
        }
        if (keyed != null && !keyed.equals(modelId)) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "feedback of model '" + modelId
                + "' keyed by '" + keyed + "': feedback is keyed by its model id, so one task evaluates a model");
        }
        LoggedChoice round;
        try {
            DecisionRequest request = feedback.getRequest();
            RequestChecks.candidates(request.getContext(), request.getActions(), new RequestChecks.Limits(
                model.maxFeatures(), model.maxActions(), model.bandit().maxArms()), null);
            round = LoggedChoice.of(feedback);
        } catch (RequestRefusedException e) {
            throw new InvalidRecordException(DeadLetterReason.valueOf(e.reason()), e.getMessage());
        } catch (InvalidLogException e) {
            throw new InvalidRecordException(DeadLetterReason.valueOf(e.reason()), e.getMessage());
        }
        ShadowEvaluation evaluation = journal.record(modelId, round, record.timestamp());
        count("shadow-rounds-total", "Logged decisions scored by the model's shadow policies", modelId);
        if (evaluation.rounds() % model.shadows().publishEvery() == 0) {
            publish(modelId, evaluation, record.timestamp());
        }
    }

    private void publish(String modelId, ShadowEvaluation evaluation, long timestamp) {
        PolicyEvaluation published = PolicyEvaluations.of(modelId, evaluation, timestamp);
        context.forward(new Record<>(key(modelId), EVALUATIONS.encode(published, config.outputFormat()), timestamp),
            EvaluationTopology.SINK);
        for (ShadowEvaluation.CandidateEstimates candidate : evaluation.estimates()) {
            for (String estimator : GAUGED) {
                Estimate e = candidate.estimate(estimator);
                Map<String, String> tags = Map.of("model", modelId, "candidate", candidate.candidate(),
                    "estimator", estimator);
                counters().set("policy-value", "A shadow policy's estimated average reward", tags, e.value());
                counters().set("policy-value-lower", "Low end of its 95 % normal interval", tags, e.normal().lower());
                counters().set("policy-value-upper", "High end of its 95 % normal interval", tags, e.normal().upper());
            }
        }
    }

    @Override
    protected void forget() {
        journal.clear();
    }
}
