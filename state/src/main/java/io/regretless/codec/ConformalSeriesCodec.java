package io.regretless.codec;

import java.util.ArrayList;
import java.util.List;

import io.regretless.conformal.Calibrator;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.ConformalSeries;
import io.regretless.conformal.metrics.IntervalEvaluator;
import io.regretless.schemas.state.ConformalModelState;

/**
 * A {@link ConformalSeries} as Avro bytes ({@link ConformalModelState}, single-object encoding) and
 * back, bit for bit: doubles travel as their IEEE-754 bits, so +∞ radii and every stored score survive.
 */
public final class ConformalSeriesCodec {
    /** The released {@code ConformalModelState} schema this codec writes; it reads every earlier one. */
    public static final int SCHEMA_VERSION = 2;

    private static final VersionedRecordCodec<ConformalModelState> CODEC =
        VersionedRecordCodec.of(ConformalModelState.class, SCHEMA_VERSION);

    private ConformalSeriesCodec() {
    }

    public static byte[] encode(ConformalSeries series, String modelId) {
        List<Double> warmup = new ArrayList<>();
        for (double r : series.warmupResiduals()) {
            warmup.add(r);
        }
        Calibrator.State calibrator = series.calibrator();
        IntervalEvaluator evaluator = series.evaluator();
        return CODEC.encode(new ConformalModelState(modelId, series.version(), warmup,
            calibrator == null ? null : PackedStateCodec.toAvro(ConformalStateCodec.pack(calibrator)),
            evaluator == null ? null : PackedStateCodec.toAvro(IntervalEvaluatorCodec.export(evaluator)),
            series.groups()));
    }

    /** Restores a series stored with {@link #encode}, under the series' configuration. */
    public static ConformalSeries decode(byte[] bytes, CalibratorKind kind, CalibratorConfig config, int warmup,
                                         int lceWindow) {
        ConformalModelState state = CODEC.decode(bytes);
        double[] residuals = new double[state.getWarmupScores().size()];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = state.getWarmupScores().get(i);
        }
        return ConformalSeries.restore(kind, config, warmup, lceWindow, residuals,
            state.getCalibrator() == null ? null
                : ConformalStateCodec.unpack(PackedStateCodec.fromAvro(state.getCalibrator())),
            state.getEvaluation() == null ? null
                : IntervalEvaluatorCodec.unpackIntervalEvaluator(PackedStateCodec.fromAvro(state.getEvaluation())),
            state.getVersion(), state.getGroups());
    }
}
