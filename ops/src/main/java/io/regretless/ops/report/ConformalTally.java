package io.regretless.ops.report;

import io.regretless.schemas.ConformalEvaluation;

/**
 * One conformal series over its distinct evaluation records: the curves of its running coverage,
 * windowed coverage and median half-width against the scored-label count, and the latest
 * evaluation (the highest count), whose running figures cover every label the application scored.
 */
final class ConformalTally {
    final Series coverage;
    final Series windowCoverage;
    final Series halfWidth;
    private ConformalEvaluation latest;
    private long evaluations;

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
        if (latest == null || evaluation.getLabels() > latest.getLabels()) {
            latest = evaluation;
        }
    }

    /** The evaluation with the highest scored-label count. */
    ConformalEvaluation latest() {
        return latest;
    }

    /** Distinct evaluation records read; fewer than {@code latest().getLabels()} when some were deleted or not written. */
    long evaluations() {
        return evaluations;
    }
}
