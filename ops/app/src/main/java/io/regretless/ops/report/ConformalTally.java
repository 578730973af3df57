package io.regretless.ops.report;

import java.util.Map;
import java.util.TreeMap;

import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.GroupCoverage;

/**
 * One conformal series over its distinct evaluation records: the curves of its running coverage,
 * windowed coverage and median half-width against the scored-label count, and the latest
 * evaluation (the highest count), whose running figures cover every label the application scored.
 * Per group that a scored prediction named: the group's running coverage against the series' scored-label count,
 * and its figures in the latest evaluation that named it (a series holds at most 64 groups).
 */
final class ConformalTally {
    final Series coverage;
    final Series windowCoverage;
    final Series halfWidth;
    final Map<String, Series> groupCoverage = new TreeMap<>();
    private final Map<String, GroupFigures> groups = new TreeMap<>();
    private ConformalEvaluation latest;
    private long evaluations;

    /**
     * A group's figures as of one evaluation.
     *
     * @param labels   the group's labels scored
     * @param coverage their coverage
     * @param asOf     the series' scored labels at that evaluation
     */
    record GroupFigures(long labels, double coverage, long asOf) {
    }

    ConformalTally(String series) {
        coverage = new Series(series);
        windowCoverage = new Series(series);
        halfWidth = new Series(series);
    }

    void add(ConformalEvaluation evaluation) {
        evaluations++;
        double x = evaluation.getLabels();
        coverage.add(x, evaluation.getCoverage());
        if (evaluation.getWindowCoverage() != null) {
            windowCoverage.add(x, evaluation.getWindowCoverage());
        }
        if (evaluation.getMedianHalfWidth() != null) {
            halfWidth.add(x, evaluation.getMedianHalfWidth());
        }
        for (GroupCoverage g : evaluation.getGroups()) {
            groupCoverage.computeIfAbsent(g.getGroup(), Series::new).add(x, g.getCoverage());
            GroupFigures before = groups.get(g.getGroup());
            if (before == null || evaluation.getLabels() > before.asOf()) {
                groups.put(g.getGroup(), new GroupFigures(g.getLabels(), g.getCoverage(), evaluation.getLabels()));
            }
        }
        if (latest == null || evaluation.getLabels() > latest.getLabels()) {
            latest = evaluation;
        }
    }

    /** The evaluation with the highest scored-label count. */
    ConformalEvaluation latest() {
        return latest;
    }

    /** Per group, by name, its figures in the latest evaluation that named it. */
    Map<String, GroupFigures> groups() {
        return groups;
    }

    /** Distinct evaluation records read; fewer than {@code latest().getLabels()} when some were deleted or not written. */
    long evaluations() {
        return evaluations;
    }
}
