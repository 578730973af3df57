package io.regretless.ops.conformal;

/**
 * What one row's run produced: per scored step whether its interval covered the truth and the
 * interval's width (upper − lower, +∞ when unbounded), and the figures over them.
 *
 * @param cell    the row
 * @param labels  labels learned from, warm-up included
 * @param covered per scored step, in stream order
 * @param widths  per scored step, in stream order
 * @param metrics the row's figures
 */
public record CellRun(Cell cell, int labels, boolean[] covered, double[] widths, IntervalMetrics metrics) {
}
