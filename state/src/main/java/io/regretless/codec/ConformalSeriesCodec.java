package io.regretless.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.ConformalSeries;
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
        PackedState calibrator = series.calibrator();
        return CODEC.encode(new ConformalModelState(modelId, series.version(), warmup,
            calibrator == null ? null : toAvro(calibrator),
            series.evaluator() == null ? null : toAvro(series.evaluator().exportState()), series.groups()));
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
            fromAvro(state.getCalibrator()), fromAvro(state.getEvaluation()), state.getVersion(), state.getGroups());
    }

    /** A learner's state as its Avro record, doubles as little-endian IEEE-754 bytes (bit for bit). */
    public static io.regretless.schemas.state.PackedState toAvro(PackedState state) {
        double[] doubles = state.doubles();
        ByteBuffer bytes = ByteBuffer.allocate(8 * doubles.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(doubles);
        List<Long> longs = new ArrayList<>();
        for (long v : state.longs()) {
            longs.add(v);
        }
        return new io.regretless.schemas.state.PackedState(state.kind(), bytes, longs);
    }

    /** The inverse of {@link #toAvro}; null for null. */
    public static PackedState fromAvro(io.regretless.schemas.state.PackedState avro) {
        if (avro == null) {
            return null;
        }
        ByteBuffer bytes = avro.getDoubles().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        double[] doubles = new double[bytes.remaining() / 8];
        bytes.asDoubleBuffer().get(doubles);
        long[] longs = new long[avro.getLongs().size()];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = avro.getLongs().get(i);
        }
        return new PackedState(avro.getKind(), doubles, longs);
    }
}
