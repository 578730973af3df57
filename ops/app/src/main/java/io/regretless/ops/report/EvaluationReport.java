package io.regretless.ops.report;

import java.util.Properties;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.Topics;

/**
 * Builds the HTML report from a deployment's feedback, evaluation, group-evaluation, combined,
 * policy-evaluation and dead-letter topics. Every topic value is decoded here, in {@link #read}, and nowhere else.
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /** Where record values come from: every value of a topic, in the order read, to the callback. */
    @FunctionalInterface
    interface Source {
        void readAll(String topic, Consumer<byte[]> values);
    }

    /**
     * What was read: the page; how many records of each kind were read; how many of them were
     * unreadable and skipped, and how many were second copies of a record already read (a replay or an
     * at-least-once restart) and dropped.
     */
    public record Result(String html, long feedback, long evaluations, long combined, long deadLetters,
                         long unreadable, long duplicates) {
    }

    /**
     * @param maxReward the best reward a decision can earn (draws regret), or NaN when unknown
     */
    public static Result build(Properties client, Topics topics, String title, double maxReward) {
        return build((topic, values) -> TopicReader.readAll(client, topic, values), topics, title, maxReward);
    }

    static Result build(Source source, Topics topics, String title, double maxReward) {
        ReportData data = collect(source, topics, maxReward);
        long unreadable = 0;
        long duplicates = 0;
        for (ReportTopic topic : ReportTopic.values()) {
            unreadable += data.read(topic).unreadableCount();
            duplicates += data.read(topic).duplicateCount();
        }
        return new Result(HtmlReport.render(title, data), records(data, ReportTopic.FEEDBACK),
            records(data, ReportTopic.EVALUATION) + records(data, ReportTopic.GROUP_EVALUATION)
                + records(data, ReportTopic.POLICY_EVALUATION),
            records(data, ReportTopic.COMBINED), records(data, ReportTopic.DEAD_LETTERS), unreadable, duplicates);
    }

    /** Reads every topic the report shows. */
    static ReportData collect(Source source, Topics topics, double maxReward) {
        ReportData data = new ReportData(maxReward);
        read(source, topics.feedback(), Feedback.class, data::add, () -> data.unreadable(ReportTopic.FEEDBACK));
        read(source, topics.evaluation(), ConformalEvaluation.class, data::add,
            () -> data.unreadable(ReportTopic.EVALUATION));
        read(source, topics.groupEvaluation(), ExpertsEvaluation.class, data::add,
            () -> data.unreadable(ReportTopic.GROUP_EVALUATION));
        read(source, topics.combined(), CombinedPrediction.class, data::add, () -> data.unreadable(ReportTopic.COMBINED));
        read(source, topics.policyEvaluation(), PolicyEvaluation.class, data::add,
            () -> data.unreadable(ReportTopic.POLICY_EVALUATION));
        read(source, topics.deadLetters(), DeadLetter.class, data::add, () -> data.unreadable(ReportTopic.DEAD_LETTERS));
        return data;
    }

    private static long records(ReportData data, ReportTopic topic) {
        return data.read(topic).decodedCount() + data.read(topic).unreadableCount();
    }

    private static <T extends SpecificRecord> void read(Source source, String topic, Class<T> type,
                                                        Consumer<T> sink, Runnable unreadable) {
        WireCodec<T> codec = WireCodec.of(type);
        source.readAll(topic, bytes -> {
            try {
                sink.accept(codec.decode(bytes));
            } catch (UnreadableRecordException e) {
                unreadable.run();
            }
        });
    }
}
