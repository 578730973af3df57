package io.regretless.conformal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Group-conditional (multivalid) online conformal prediction: intervals whose coverage holds on every group of a
 * family of overlapping groups at once (e.g. each season and each weather type), the conformal counterpart of
 * sleeping experts.
 *
 * <p>The radius for a prediction in groups G is r_t · exp(Σ_{g∈G} θ_g), where r_t is a {@link DefaultCalibrator}'s
 * radius before its lattice snap (its own controller holds the overall coverage) and θ_g a per-group offset of the
 * log-radius; the product is then snapped to the score lattice as the default's own radius is ({@link ScoreLattice}:
 * the same steps covered, narrower intervals when the scores take few values). After the
 * label, every group of the step moves: θ_g ← θ_g + γ(err_t − α), γ = {@value #GAMMA}. This is online gradient
 * descent on the pinball loss of a quantile model that is linear in the group indicators, the online form of
 * quantile regression over group indicators, whose batch solution covers each group exactly (Jung, Noarov,
 * Ramalingam &amp; Roth 2023; Gibbs, Cherian &amp; Candès 2023), and the per-group threshold idea of Bastani et
 * al. 2022 ("Practical adversarial multivalid conformal prediction"). Summing the updates of one group gives its
 * guarantee: over the n_g steps of group g, |miss rate − α| = |θ_g,end − θ_g,start| / (γ n_g), and θ_g stays
 * bounded because a large enough θ_g covers every step of g; so a group's coverage converges to c at rate
 * O(1/n_g) whatever the other groups do.
 *
 * <p>Groups are named by the requests and created on first sight (at most {@value #MAX_GROUPS}); a step without
 * groups uses r_t alone and moves no θ. The groups given to {@link #update(double, Collection)} must be those the
 * step's radius was read with. State: the default calibrator's, plus per group its name and θ.
 */
public final class MultivalidCalibrator implements Calibrator {
    /** The default calibrator underneath, the groups in the order first seen, and each group's θ. */
    public record State(DefaultCalibrator.State base, List<String> groups, double[] thetas)
        implements Calibrator.State {
        public State {
            groups = List.copyOf(groups);
        }
    }

    static final double GAMMA = 0.05;
    /** The most groups one calibrator keeps. */
    public static final int MAX_GROUPS = 64;

    private final DefaultCalibrator base;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private double[] theta = new double[8];

    private MultivalidCalibrator(DefaultCalibrator base) {
        this.base = base;
    }

    static MultivalidCalibrator warmStarted(CalibratorConfig config, double[] calibrationScores) {
        return new MultivalidCalibrator(DefaultCalibrator.warmStarted(config, calibrationScores));
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.MULTIVALID;
    }

    @Override
    public double coverage() {
        return base.coverage();
    }

    @Override
    public double radius() {
        return base.radius();
    }

    @Override
    public double radius(Collection<String> groups) {
        double offset = 0;
        for (String g : groups) {
            Integer i = index.get(g);
            if (i != null) {
                offset += theta[i];
            }
        }
        return offset == 0 ? base.radius() : base.snap(base.unsnappedRadius() * StrictMath.exp(offset));
    }

    @Override
    public void update(double score) {
        base.update(score);
    }

    @Override
    public void update(double score, Collection<String> groups) {
        double err = score > radius(groups) ? 1 : 0;
        double step = GAMMA * (err - (1 - base.coverage()));
        for (String g : groups) {
            int i = slot(g); // before indexing: a new slot may grow theta
            theta[i] += step;
        }
        base.update(score);
    }

    /** The groups seen so far, in order of first appearance. */
    public List<String> groups() {
        return List.copyOf(names);
    }

    /** The log-radius offset θ_g of a group (0 for an unknown one). */
    public double offset(String group) {
        Integer i = index.get(group);
        return i == null ? 0 : theta[i];
    }

    private int slot(String group) {
        Integer i = index.get(group);
        if (i != null) {
            return i;
        }
        if (names.size() == MAX_GROUPS) {
            throw new IllegalArgumentException("more than " + MAX_GROUPS + " groups; '" + group + "' is one too many");
        }
        int n = names.size();
        if (n == theta.length) {
            theta = java.util.Arrays.copyOf(theta, 2 * n);
        }
        index.put(group, n);
        names.add(group);
        return n;
    }

    @Override
    public State state() {
        return new State(base.state(), names, java.util.Arrays.copyOf(theta, names.size()));
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static MultivalidCalibrator restore(State state) {
        MultivalidCalibrator m = new MultivalidCalibrator(DefaultCalibrator.restore(state.base()));
        int groups = state.groups().size();
        if (groups > MAX_GROUPS || state.thetas().length != groups) {
            throw new IllegalArgumentException("corrupt multivalid state: " + groups + " groups");
        }
        for (int i = 0; i < groups; i++) {
            int slot = m.slot(state.groups().get(i));
            m.theta[slot] = state.thetas()[i];
        }
        return m;
    }
}
