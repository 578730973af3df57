package io.regretless.ops.report;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.PolicyEvaluation;

/**
 * What the report shows, accumulated from the decoded records of the output topics: per bandit
 * model, conformal series and sleeping-experts model its tally, per model with shadow policies
 * their estimates, per dead-letter reason its tally, and per topic how many records were decoded,
 * unreadable or dropped as duplicates.
 *
 * <p>A replay from offset 0 or an at-least-once restart writes outputs again. Each record's
 * identity ({@link ReportTopic#identity()}) is counted once, the first copy read; later copies are
 * counted as duplicates and change nothing else.
 */
final class ReportData {
    private final double maxReward;
    private final Map<ReportTopic, ReadTally> read = new EnumMap<>(ReportTopic.class);
    private final Map<ReportTopic, Set<List<Object>>> seen = new EnumMap<>(ReportTopic.class);
    final Map<String, BanditTally> bandits = new TreeMap<>();
    final Map<String, ConformalTally> conformal = new TreeMap<>();
    final Map<String, ExpertsTally> experts = new TreeMap<>();
    final Map<String, DeadLetterTally> deadLetters = new TreeMap<>();
    final Map<String, ShadowTally> shadows = new TreeMap<>();

    /** @param maxReward the best reward a decision can earn, or NaN when unknown (no regret curve) */
    ReportData(double maxReward) {
        this.maxReward = maxReward;
        for (ReportTopic topic : ReportTopic.values()) {
            read.put(topic, new ReadTally());
            seen.put(topic, new HashSet<>());
        }
    }

    void add(Feedback feedback) {
        String model = feedback.getDecision().getModelId();
        if (first(ReportTopic.FEEDBACK, model, feedback.getDecision().getRequestId())) {
            bandits.computeIfAbsent(model, m -> new BanditTally(m, maxReward)).add(feedback);
        }
    }

    void add(ConformalEvaluation evaluation) {
        String series = evaluation.getModelId();
        if (first(ReportTopic.EVALUATION, series, evaluation.getLabels())) {
            conformal.computeIfAbsent(series, ConformalTally::new).add(evaluation);
        }
    }

    void add(CombinedPrediction combined) {
        String model = combined.getModelId();
        if (first(ReportTopic.COMBINED, model, combined.getId())) {
            experts.computeIfAbsent(model, m -> new ExpertsTally()).add(combined);
        }
    }

    void add(ExpertsEvaluation evaluation) {
        String model = evaluation.getModelId();
        if (first(ReportTopic.GROUP_EVALUATION, model, evaluation.getGroup(), evaluation.getRounds())) {
            experts.computeIfAbsent(model, m -> new ExpertsTally()).add(evaluation);
        }
    }

    void add(PolicyEvaluation evaluation) {
        String model = evaluation.getModelId();
        if (first(ReportTopic.POLICY_EVALUATION, model, evaluation.getRounds())) {
            shadows.computeIfAbsent(model, m -> new ShadowTally()).add(evaluation);
        }
    }

    void add(DeadLetter letter) {
        boolean fromARecord = letter.getOffset() >= 0;
        if (!fromARecord) {
            read.get(ReportTopic.DEAD_LETTERS).decoded();
        }
        if (!fromARecord
            || first(ReportTopic.DEAD_LETTERS, letter.getSourceTopic(), letter.getPartition(), letter.getOffset())) {
            deadLetters.computeIfAbsent(letter.getReason(), r -> new DeadLetterTally()).add(letter);
        }
    }

    /** A record of the topic could not be decoded. */
    void unreadable(ReportTopic topic) {
        read.get(topic).unreadable();
    }

    ReadTally read(ReportTopic topic) {
        return read.get(topic);
    }

    boolean isEmpty() {
        return bandits.isEmpty() && conformal.isEmpty() && experts.isEmpty() && deadLetters.isEmpty() && shadows.isEmpty();
    }

    /** Counts a decoded record; true when its identity was not read before. */
    private boolean first(ReportTopic topic, Object... identity) {
        ReadTally tally = read.get(topic);
        tally.decoded();
        if (seen.get(topic).add(List.of(identity))) {
            return true;
        }
        tally.duplicate();
        return false;
    }
}
