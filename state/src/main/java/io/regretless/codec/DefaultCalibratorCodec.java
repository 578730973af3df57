package io.regretless.codec;

import java.util.ArrayList;
import java.util.List;

import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.DefaultCalibrator;
import io.regretless.conformal.MultivalidCalibrator;
import io.regretless.conformal.PastScores;

/**
 * The layouts of the default calibrator and of the multivalid calibrator built on it (kinds {@code default} and
 * {@code multivalid}, layout version 1), for {@link ConformalStateCodec}.
 */
final class DefaultCalibratorCodec {
    private DefaultCalibratorCodec() {
    }

    /**
     * Coverage, mean score, count; the scorecaster (unit, seen, fast, slow, then lags, θ and P each with its
     * length); the controller (θ, seen, then the remembered misses as bits, 64 to a long, oldest in the lowest
     * bit); every past normalised score; the lattice (seen, then the values with their count, or −1 once
     * continuous). A state written before the lattice existed ends after the scores and reads as a continuous
     * lattice that has seen {@code count} scores.
     */
    static PackedState pack(DefaultCalibrator.State s) {
        return PackedLayouts.packed(CalibratorKind.DEFAULT.wireName(), s, DefaultCalibratorCodec::putDefault);
    }

    static DefaultCalibrator.State unpackDefault(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.DEFAULT.wireName(), DefaultCalibratorCodec::getDefault);
    }

    /**
     * The default calibrator's layout as an array of doubles and one of longs (each with its length), then the
     * group count and per group its name and θ.
     */
    static PackedState pack(MultivalidCalibrator.State s) {
        return PackedLayouts.packed(CalibratorKind.MULTIVALID.wireName(), s, (m, w) -> {
            PackedState inner = pack(m.base());
            w.putDoubles(inner.doubles(), inner.doubles().length);
            long[] longs = inner.longs();
            w.putLong(longs.length);
            for (long v : longs) {
                w.putLong(v);
            }
            w.putLong(m.groups().size());
            for (int i = 0; i < m.groups().size(); i++) {
                w.putString(m.groups().get(i)).putDouble(m.thetas()[i]);
            }
        });
    }

    static MultivalidCalibrator.State unpackMultivalid(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.MULTIVALID.wireName(), r -> {
            double[] doubles = r.getDoubles();
            long[] longs = new long[r.getSize()];
            for (int i = 0; i < longs.length; i++) {
                longs[i] = r.getLong();
            }
            DefaultCalibrator.State base = unpackDefault(
                new PackedState(CalibratorKind.DEFAULT.wireName(), doubles, longs));
            int groups = r.getSize();
            if (groups > MultivalidCalibrator.MAX_GROUPS) {
                throw new IllegalArgumentException("corrupt multivalid state: " + groups + " groups");
            }
            List<String> names = new ArrayList<>();
            double[] thetas = new double[groups];
            for (int i = 0; i < groups; i++) {
                names.add(r.getString());
                thetas[i] = r.getDouble();
            }
            return new MultivalidCalibrator.State(base, names, thetas);
        });
    }

    private static void putDefault(DefaultCalibrator.State s, StateWriter w) {
        w.putDouble(s.coverage()).putDouble(s.meanScore()).putLong(s.count());
        DefaultCalibrator.ScorecasterState c = s.scorecaster();
        w.putDouble(c.unit()).putLong(c.seen()).putDouble(c.fast()).putDouble(c.slow());
        w.putDoubles(c.lags(), c.lags().length).putDoubles(c.theta(), c.theta().length)
            .putDoubles(c.p(), c.p().length);
        putController(s.controller(), w);
        ScoreStoreCodec.putPastScores(s.normalised(), w);
        DefaultCalibrator.LatticeState l = s.lattice();
        w.putLong(l.seen());
        if (l.values() == null) {
            w.putLong(-1);
        } else {
            w.putDoubles(l.values(), l.values().length);
        }
    }

    private static DefaultCalibrator.State getDefault(StateReader r) {
        double coverage = r.getDouble();
        double mean = r.getDouble();
        long count = r.getLong();
        double unit = r.getDouble();
        long seen = r.getLong();
        double fast = r.getDouble();
        double slow = r.getDouble();
        DefaultCalibrator.ScorecasterState scorecaster = new DefaultCalibrator.ScorecasterState(unit, seen, fast,
            slow, r.getDoubles(), r.getDoubles(), r.getDoubles());
        DefaultCalibrator.ControllerState controller = getController(r);
        PastScores.State normalised = ScoreStoreCodec.getPastScores(r);
        DefaultCalibrator.LatticeState lattice = r.atEnd()
            ? new DefaultCalibrator.LatticeState(count, null) : getLattice(r);
        return new DefaultCalibrator.State(coverage, mean, count, scorecaster, controller, normalised, lattice);
    }

    private static void putController(DefaultCalibrator.ControllerState s, StateWriter w) {
        w.putDouble(s.theta()).putLong(s.seen());
        PackedLayouts.putFlags(s.recentMisses(), w);
    }

    private static DefaultCalibrator.ControllerState getController(StateReader r) {
        double theta = r.getDouble();
        long seen = r.getLong();
        if (seen < 0) {
            throw new IllegalArgumentException("corrupt coverage controller state");
        }
        boolean[] misses = PackedLayouts.getFlags(r, (int) Math.min(seen, DefaultCalibrator.MISS_WINDOW));
        return new DefaultCalibrator.ControllerState(theta, seen, misses);
    }

    private static DefaultCalibrator.LatticeState getLattice(StateReader r) {
        long seen = r.getLong();
        long marker = r.getLong();
        if (marker == -1) {
            return new DefaultCalibrator.LatticeState(seen, null);
        }
        if (marker < 0 || marker > DefaultCalibrator.LATTICE_MAX_VALUES) {
            throw new IllegalArgumentException("corrupt score lattice: " + marker + " values");
        }
        double[] values = new double[(int) marker];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.getDouble();
        }
        return new DefaultCalibrator.LatticeState(seen, values);
    }
}
