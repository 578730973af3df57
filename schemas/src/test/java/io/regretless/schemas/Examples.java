package io.regretless.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.codec.WireCodec;

/** The committed example of each topic value ({@code src/main/avro/<Name>.example.json}), natural JSON. */
final class Examples {
    static final List<Class<? extends SpecificRecord>> INPUTS = List.of(DecisionRequest.class, Reward.class,
        LoggedFeedback.class, PredictionRequest.class, Label.class, Advice.class, LoggedDecision.class);
    static final List<Class<? extends SpecificRecord>> TOPIC_VALUES = List.of(DecisionRequest.class, Decision.class,
        Reward.class, LoggedFeedback.class, Feedback.class, DeadLetter.class, PredictionRequest.class,
        PredictionInterval.class, Label.class, ConformalEvaluation.class, Advice.class, CombinedPrediction.class,
        ExpertsEvaluation.class, ModelSnapshot.class, LoggedDecision.class, PolicyEvaluation.class);

    private Examples() {
    }

    static byte[] bytes(Class<?> type) {
        try {
            return Files.readAllBytes(Path.of("src/main/avro", type.getSimpleName() + ".example.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends SpecificRecord> T read(Class<T> type) {
        return WireCodec.of(type).decode(bytes(type));
    }
}
