package io.regretless.ops.cli;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.Advice;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.Label;
import io.regretless.schemas.LoggedDecision;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.config.DidYouMean;

/**
 * A topic as {@code produce} and {@code consume} name it: its short name (the deployment's prefix
 * comes from the configuration), its value's codec and, for an input, the key its records carry:
 * the request id on the bandit loop's inputs, where a decision and its reward meet by request id,
 * the model id on the others. Records keyed that way arrive where they are processed at once; any
 * other key still works, one hop later.
 *
 * @param keyOf the record key of a value; null for topics only the application writes
 */
record WireTopic(String shortName, Function<Topics, String> fullName, WireCodec<? extends SpecificRecord> codec,
                 Function<SpecificRecord, String> keyOf) {

    static final List<WireTopic> INPUTS = List.of(
        new WireTopic("requests", Topics::requests, WireCodec.of(DecisionRequest.class),
            r -> ((DecisionRequest) r).getRequestId()),
        new WireTopic("rewards", Topics::rewards, WireCodec.of(Reward.class), r -> ((Reward) r).getRequestId()),
        new WireTopic("decision-log", Topics::decisionLog, WireCodec.of(LoggedDecision.class),
            r -> ((LoggedDecision) r).getRequest().getRequestId()),
        new WireTopic("labeled", Topics::labeled, WireCodec.of(LoggedFeedback.class), r -> ((LoggedFeedback) r).getModelId()),
        new WireTopic("prediction-requests", Topics::predictionRequests, WireCodec.of(PredictionRequest.class),
            r -> ((PredictionRequest) r).getModelId()),
        new WireTopic("labels", Topics::labels, WireCodec.of(Label.class), r -> ((Label) r).getModelId()),
        new WireTopic("advice", Topics::advice, WireCodec.of(Advice.class), r -> ((Advice) r).getModelId()),
        new WireTopic("expert-labels", Topics::expertLabels, WireCodec.of(Label.class), r -> ((Label) r).getModelId()));

    static final List<WireTopic> OUTPUTS = List.of(
        new WireTopic("decisions", Topics::decisions, WireCodec.of(Decision.class), null),
        new WireTopic("feedback", Topics::feedback, WireCodec.of(Feedback.class), null),
        new WireTopic("dead-letters", Topics::deadLetters, WireCodec.of(DeadLetter.class), null),
        new WireTopic("model-snapshots", Topics::modelSnapshots, WireCodec.of(ModelSnapshot.class), null),
        new WireTopic("intervals", Topics::intervals, WireCodec.of(PredictionInterval.class), null),
        new WireTopic("evaluation", Topics::evaluation, WireCodec.of(ConformalEvaluation.class), null),
        new WireTopic("combined", Topics::combined, WireCodec.of(CombinedPrediction.class), null),
        new WireTopic("group-evaluation", Topics::groupEvaluation, WireCodec.of(ExpertsEvaluation.class), null),
        new WireTopic("policy-evaluation", Topics::policyEvaluation, WireCodec.of(PolicyEvaluation.class), null));

    /** The input topic called {@code shortName}. */
    static WireTopic input(String shortName) {
        return find(shortName, INPUTS, "produce writes the input topics");
    }

    /** Any topic called {@code shortName}, input or output. */
    static WireTopic any(String shortName) {
        return find(shortName, Stream.concat(OUTPUTS.stream(), INPUTS.stream()).toList(), "consume reads");
    }

    private static WireTopic find(String shortName, List<WireTopic> topics, String what) {
        for (WireTopic topic : topics) {
            if (topic.shortName.equals(shortName)) {
                return topic;
            }
        }
        List<String> names = topics.stream().map(WireTopic::shortName).toList();
        String hint = shortName.contains(".")
            ? " (the short name: the prefix comes from regretless.topic.prefix in the configuration)"
            : DidYouMean.nearest(shortName, names).map(near -> " (did you mean " + near + "?)").orElse("");
        throw new IllegalArgumentException("unknown topic '" + shortName + "'" + hint + "; " + what + ": "
            + names.stream().collect(Collectors.joining(", ")));
    }
}
