package io.regretless.ops.report;

import java.util.Properties;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.config.Topics;

/** Builds the HTML report from a deployment's feedback, evaluation, group-evaluation and combined topics. */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /** What was read: the page, and how many records fed it or were skipped as unreadable. */
    public record Result(String html, long feedback, long evaluations, long combined, long unreadable) {
    }

    /**
     * @param maxReward the best reward a decision can earn (draws regret), or NaN when unknown
     */
    public static Result build(Properties client, Topics topics, String title, double maxReward) {
        ReportData data = new ReportData(maxReward);
        long[] unreadable = {0};
        long feedback = read(client, topics.feedback(), Feedback.class, data::add, unreadable);
        long evaluations = read(client, topics.evaluation(), ConformalEvaluation.class, data::add, unreadable)
            + read(client, topics.groupEvaluation(), ExpertsEvaluation.class, data::add, unreadable);
        long combined = read(client, topics.combined(), CombinedPrediction.class, data::add, unreadable);
        return new Result(HtmlReport.render(title, data), feedback, evaluations, combined, unreadable[0]);
    }

    private static <T extends SpecificRecord> long read(Properties client, String topic, Class<T> type,
                                                        Consumer<T> sink, long[] unreadable) {
        WireCodec<T> codec = WireCodec.of(type);
        return TopicReader.readAll(client, topic, bytes -> {
            try {
                sink.accept(codec.decode(bytes));
            } catch (UnreadableRecordException e) {
                unreadable[0]++;
            }
        });
    }
}
