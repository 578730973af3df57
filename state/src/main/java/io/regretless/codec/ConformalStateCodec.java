package io.regretless.codec;

import java.util.ArrayList;
import java.util.List;

import io.regretless.conformal.AdaptiveConformal;
import io.regretless.conformal.Calibrator;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.Calibrators;
import io.regretless.conformal.DefaultCalibrator;
import io.regretless.conformal.Faci;
import io.regretless.conformal.FaciS;
import io.regretless.conformal.MultivalidCalibrator;
import io.regretless.conformal.NExConformal;
import io.regretless.conformal.PastScores;
import io.regretless.conformal.QuantileTracker;
import io.regretless.conformal.Saocp;
import io.regretless.conformal.ScaleFreeOgd;
import io.regretless.conformal.ScoreHistory;
import io.regretless.conformal.SplitConformal;

/**
 * The conformal calibrators' states as {@link PackedState}s and back, bit for bit: one positional layout per
 * calibrator, whose {@link PackedState#kind()} is the calibrator's wire name ({@link CalibratorKind#wireName()},
 * version 1 of its layout: no suffix); a state of another kind is refused by {@link StateReader}. {@code pack}
 * writes a state, {@code unpack…} reads one (the calibrator's {@code restore} checks the values); the
 * untyped {@link #pack(Calibrator.State)}/{@link #unpack} choose the layout by the state's class or kind. The
 * score stores inside the layouts ({@link ScoreHistory}, {@link PastScores}) are {@link ScoreStoreCodec}'s, the
 * default and multivalid calibrators' layouts {@link DefaultCalibratorCodec}'s.
 */
public final class ConformalStateCodec {
    private ConformalStateCodec() {
    }

    /** Any calibrator's state, in its calibrator's layout. */
    public static PackedState pack(Calibrator.State state) {
        if (state instanceof SplitConformal.State s) {
            return pack(s);
        } else if (state instanceof NExConformal.State s) {
            return pack(s);
        } else if (state instanceof AdaptiveConformal.State s) {
            return pack(s);
        } else if (state instanceof Faci.State s) {
            return pack(s);
        } else if (state instanceof ScaleFreeOgd.State s) {
            return pack(s);
        } else if (state instanceof FaciS.State s) {
            return pack(s);
        } else if (state instanceof Saocp.State s) {
            return pack(s);
        } else if (state instanceof QuantileTracker.State s) {
            return pack(s);
        } else if (state instanceof DefaultCalibrator.State s) {
            return DefaultCalibratorCodec.pack(s);
        } else if (state instanceof MultivalidCalibrator.State s) {
            return DefaultCalibratorCodec.pack(s);
        }
        throw new IllegalArgumentException("not a calibrator's state: " + state.getClass().getName());
    }

    /**
     * The calibrator's state a packed state holds, read in the layout its kind names; a layout version this
     * build does not read ({@code faci.v2}) is refused naming both versions.
     */
    public static Calibrator.State unpack(PackedState state) {
        CalibratorKind kind = CalibratorKind.parse(state.kind().replaceFirst("\\.v[0-9]+$", ""));
        return switch (kind) {
            case SCP, SCP_WINDOW -> unpackSplitConformal(state, kind);
            case NEXCP -> unpackNExConformal(state);
            case ACI -> unpackAdaptiveConformal(state);
            case FACI -> unpackFaci(state);
            case SF_OGD -> unpackScaleFreeOgd(state);
            case FACI_S -> unpackFaciS(state);
            case SAOCP -> unpackSaocp(state);
            case QUANTILE_TRACKER -> unpackQuantileTracker(state);
            case DEFAULT -> DefaultCalibratorCodec.unpackDefault(state);
            case MULTIVALID -> DefaultCalibratorCodec.unpackMultivalid(state);
        };
    }

    public static PackedState export(Calibrator calibrator) {
        return pack(calibrator.state());
    }

    /** The calibrator a packed state describes; @throws IllegalArgumentException if it is not a valid one's */
    public static Calibrator restore(PackedState state) {
        return Calibrators.restore(unpack(state));
    }

    /** SCP and SCP-window: the coverage, then all past scores or the window. */
    public static PackedState pack(SplitConformal.State s) {
        return PackedLayouts.packed(s.kind().wireName(), s, (c, w) -> {
            w.putDouble(c.coverage());
            if (c.all() != null) {
                ScoreStoreCodec.putPastScores(c.all(), w);
            } else {
                ScoreStoreCodec.putHistory(c.window(), w);
            }
        });
    }

    /** {@code kind} is SCP or SCP-window. */
    public static SplitConformal.State unpackSplitConformal(PackedState state, CalibratorKind kind) {
        return PackedLayouts.unpacked(state, kind.wireName(), r -> {
            double coverage = r.getDouble();
            return kind == CalibratorKind.SCP
                ? new SplitConformal.State(kind, coverage, ScoreStoreCodec.getPastScores(r), null)
                : new SplitConformal.State(kind, coverage, null, ScoreStoreCodec.getHistory(r));
        });
    }

    /** NExCP: the coverage, then the history. */
    public static PackedState pack(NExConformal.State s) {
        return PackedLayouts.packed(CalibratorKind.NEXCP.wireName(), s, (c, w) -> {
            w.putDouble(c.coverage());
            ScoreStoreCodec.putHistory(c.history(), w);
        });
    }

    public static NExConformal.State unpackNExConformal(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.NEXCP.wireName(),
            r -> new NExConformal.State(r.getDouble(), ScoreStoreCodec.getHistory(r)));
    }

    /** ACI: coverage, γ, α_t, then every past score. */
    public static PackedState pack(AdaptiveConformal.State s) {
        return PackedLayouts.packed(CalibratorKind.ACI.wireName(), s, (c, w) -> {
            w.putDouble(c.coverage()).putDouble(c.gamma()).putDouble(c.alphaT());
            ScoreStoreCodec.putPastScores(c.history(), w);
        });
    }

    public static AdaptiveConformal.State unpackAdaptiveConformal(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.ACI.wireName(), r -> {
            double coverage = r.getDouble();
            double gamma = r.getDouble();
            double alphaT = r.getDouble();
            return new AdaptiveConformal.State(coverage, gamma, alphaT, ScoreStoreCodec.getPastScores(r));
        });
    }

    /** The quantile tracker: coverage, learning rate, radius, W, then the window's scores oldest first. */
    public static PackedState pack(QuantileTracker.State s) {
        return PackedLayouts.packed(CalibratorKind.QUANTILE_TRACKER.wireName(), s, (q, w) -> w
            .putDouble(q.coverage()).putDouble(q.learningRate()).putDouble(q.radius())
            .putLong(q.window()).putDoubles(q.recent(), q.recent().length));
    }

    public static QuantileTracker.State unpackQuantileTracker(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.QUANTILE_TRACKER.wireName(), r -> {
            double coverage = r.getDouble();
            double lr = r.getDouble();
            double radius = r.getDouble();
            int window = r.getSize();
            return new QuantileTracker.State(coverage, lr, radius, window, r.getDoubles());
        });
    }

    /** FACI: the coverage, the K levels α_k, the K log-weights, then every past score. */
    public static PackedState pack(Faci.State s) {
        return PackedLayouts.packed(CalibratorKind.FACI.wireName(), s, (f, w) -> {
            w.putDouble(f.coverage());
            w.putDoubles(f.alphas(), f.alphas().length).putDoubles(f.logWeights(), f.logWeights().length);
            ScoreStoreCodec.putPastScores(f.history(), w);
        });
    }

    public static Faci.State unpackFaci(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.FACI.wireName(), r -> {
            double coverage = r.getDouble();
            double[] alphas = r.getDoubles();
            double[] logW = r.getDoubles();
            return new Faci.State(coverage, alphas, logW, ScoreStoreCodec.getPastScores(r));
        });
    }

    /** SF-OGD: coverage, S, radius, Σ gradient². */
    public static PackedState pack(ScaleFreeOgd.State s) {
        return PackedLayouts.packed(CalibratorKind.SF_OGD.wireName(), s, (o, w) -> w
            .putDouble(o.coverage()).putDouble(o.scale()).putDouble(o.radius()).putDouble(o.gradNormSq()));
    }

    public static ScaleFreeOgd.State unpackScaleFreeOgd(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.SF_OGD.wireName(),
            r -> new ScaleFreeOgd.State(r.getDouble(), r.getDouble(), r.getDouble(), r.getDouble()));
    }

    /** FACI-S: coverage, S, the K radii, the K log-weights, then the last squared losses oldest first. */
    public static PackedState pack(FaciS.State s) {
        return PackedLayouts.packed(CalibratorKind.FACI_S.wireName(), s, (f, w) -> w
            .putDouble(f.coverage()).putDouble(f.scale())
            .putDoubles(f.radii(), f.radii().length).putDoubles(f.logWeights(), f.logWeights().length)
            .putDoubles(f.recentLosses(), f.recentLosses().length));
    }

    public static FaciS.State unpackFaciS(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.FACI_S.wireName(),
            r -> new FaciS.State(r.getDouble(), r.getDouble(), r.getDoubles(), r.getDoubles(), r.getDoubles()));
    }

    /**
     * SAOCP: coverage, S, g, t, the expert count, then per expert its start, lifetime and age (longs) and its
     * radius, Σ gradient², z and Σ w·z (doubles).
     */
    public static PackedState pack(Saocp.State s) {
        return PackedLayouts.packed(CalibratorKind.SAOCP.wireName(), s, (c, w) -> {
            w.putDouble(c.coverage()).putDouble(c.scale()).putLong(c.lifetimeMultiplier()).putLong(c.t());
            w.putLong(c.experts().size());
            for (Saocp.Expert e : c.experts()) {
                w.putLong(e.start()).putLong(e.lifetime()).putLong(e.age());
                w.putDouble(e.radius()).putDouble(e.gradNormSq()).putDouble(e.z()).putDouble(e.wz());
            }
        });
    }

    public static Saocp.State unpackSaocp(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.SAOCP.wireName(), r -> {
            double coverage = r.getDouble();
            double scale = r.getDouble();
            long g = r.getLong();
            long t = r.getLong();
            int n = r.getSize();
            List<Saocp.Expert> experts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                experts.add(new Saocp.Expert(r.getLong(), r.getLong(), r.getLong(),
                    r.getDouble(), r.getDouble(), r.getDouble(), r.getDouble()));
            }
            return new Saocp.State(coverage, scale, g, t, experts);
        });
    }
}
