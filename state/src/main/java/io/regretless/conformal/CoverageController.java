package io.regretless.conformal;

/**
 * Keeps a calibrator's coverage on target both in the long run and over short windows, by scaling its radius by
 * exp(θ_t + K·h(D_t)).
 *
 * <p>θ_t is an integrator of the coverage errors, θ ← θ + γ(err_t − α) (ACI's update, Gibbs &amp; Candès 2021,
 * applied to the log-radius, the "I" of conformal PID control), which gives long-run coverage c whatever the base
 * does: the miss rate over T steps is within (max θ − min θ)/(γT) of α. D_t is the miss rate of the last W steps
 * minus α and h a dead zone of half-width δ = {@code deadZone}·√(c(1 − c)/W), i.e. that many binomial standard
 * deviations: ordinary sampling noise does not move the radius, a run of misses (or of covers) that no i.i.d.
 * sequence would produce does, at once, which bounds the local coverage error. γ, W, δ and K were chosen on the
 * conformal-reference grid (see the README).
 *
 * <p>State: θ and the last W coverage flags. O(1) per step.
 */
final class CoverageController {
    static final double GAMMA = 0.07;
    static final int WINDOW = 60;
    static final double DEAD_ZONE_SD = 0.5;
    static final double GAIN = 3;

    private final double alpha;
    private final double dead;
    private final boolean[] ring = new boolean[WINDOW];
    private int head;
    private long seen;
    private int misses;
    private double theta;

    CoverageController(double coverage) {
        this.alpha = 1 - coverage;
        this.dead = DEAD_ZONE_SD * StrictMath.sqrt(coverage * (1 - coverage) / WINDOW);
    }

    /** The factor the base radius is multiplied by. */
    double multiplier() {
        return StrictMath.exp(theta + GAIN * localExcess());
    }

    /** The recent miss rate's excess over α beyond the dead zone (signed; 0 before any step). */
    double localExcess() {
        if (seen == 0) {
            return 0;
        }
        int n = (int) Math.min(seen, WINDOW);
        double dev = (double) misses / n - alpha;
        return Math.signum(dev) * Math.max(0, Math.abs(dev) - dead);
    }

    void update(boolean miss) {
        theta += GAMMA * ((miss ? 1 : 0) - alpha);
        if (seen >= WINDOW && ring[head]) {
            misses--;
        }
        ring[head] = miss;
        if (miss) {
            misses++;
        }
        head = (head + 1) % WINDOW;
        seen++;
    }

    DefaultCalibrator.ControllerState state() {
        int n = (int) Math.min(seen, WINDOW);
        boolean[] recent = new boolean[n];
        for (int i = 0; i < n; i++) {
            recent[i] = ring[(head - n + i + WINDOW) % WINDOW];
        }
        return new DefaultCalibrator.ControllerState(theta, seen, recent);
    }

    static CoverageController restore(DefaultCalibrator.ControllerState state, double coverage) {
        CoverageController c = new CoverageController(coverage);
        c.theta = state.theta();
        c.seen = state.seen();
        int n = (int) Math.min(c.seen, WINDOW);
        if (c.seen < 0 || state.recentMisses().length != n) {
            throw new IllegalArgumentException("corrupt coverage controller state");
        }
        for (int i = 0; i < n; i++) {
            c.ring[i] = state.recentMisses()[i];
            if (c.ring[i]) {
                c.misses++;
            }
        }
        c.head = n % WINDOW;
        return c;
    }
}
