package io.regretless.ops.conformal;

import java.util.Locale;

import io.regretless.conformal.CalibratorKind;

/**
 * One row of the benchmark: a calibrator on a series under a base forecaster at a target coverage.
 * On Kafka it is one conformal model, {@link #modelId()}.
 */
public record Cell(CalibratorKind calibrator, BenchSeries series, Forecaster forecaster, double target) {

    /** E.g. {@code seattle-naive-90-saocp}, {@code co2-seasonal-95-faci-s}. */
    public String modelId() {
        return series.shortName() + "-" + forecaster.shortName() + "-" + percent(target) + "-" + calibrator.wireName();
    }

    static String percent(double target) {
        double p = target * 100;
        long rounded = Math.round(p);
        return Math.abs(p - rounded) < 1e-9 ? Long.toString(rounded) : String.format(Locale.ROOT, "%s", p).replace('.', '_');
    }
}
