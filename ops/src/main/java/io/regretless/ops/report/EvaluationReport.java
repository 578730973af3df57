package io.regretless.ops.report;

import java.util.Properties;

import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.topology.config.Topics;

/** Builds the HTML report from a deployment's feedback and evaluation topics. */
public final class EvaluationReport {
    private static final AvroCodec<Feedback> FEEDBACK = AvroCodec.of(Feedback.class);
    private static final AvroCodec<ConformalEvaluation> EVALUATION = AvroCodec.of(ConformalEvaluation.class);

    private EvaluationReport() {
    }

    /** What was read: the page, and how many records fed it or were skipped as unreadable. */
    public record Result(String html, long feedback, long evaluations, long unreadable) {
    }

    /**
     * @param maxReward the best reward a decision can earn (draws regret), or NaN when unknown
     */
    public static Result build(Properties client, Topics topics, String title, double maxReward) {
        ReportData data = new ReportData(maxReward);
        long[] unreadable = {0};
        long feedback = TopicReader.readAll(client, topics.feedback(), bytes -> {
            try {
                data.add(FEEDBACK.decode(bytes));
            } catch (UnreadableRecordException e) {
                unreadable[0]++;
            }
        });
        long evaluations = TopicReader.readAll(client, topics.evaluation(), bytes -> {
            try {
                data.add(EVALUATION.decode(bytes));
            } catch (UnreadableRecordException e) {
                unreadable[0]++;
            }
        });
        return new Result(HtmlReport.render(title, data), feedback, evaluations, unreadable[0]);
    }
}
