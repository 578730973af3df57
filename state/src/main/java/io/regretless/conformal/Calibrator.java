package io.regretless.conformal;

import java.util.Collection;

/**
 * An online conformal calibrator: it turns a stream of nonconformity scores into a radius r_t such that the
 * interval [ŷ_t − r_t, ŷ_t + r_t] covers y_t with long-run frequency close to the target coverage c, even when
 * the data drift ("Improved Online Conformal Prediction via Strongly Adaptive Online Learning", Bhatnagar,
 * Wang, Xiong &amp; Bai, ICML 2023; reference implementation salesforce/online_conformal).
 *
 * <p>Protocol, per step: read {@link #radius()} and publish the interval; when the truth arrives, call
 * {@link #update(double)} with the step's score s_t = |y_t − ŷ_t| (or a signed residual for one side of an
 * {@link AsymmetricCalibrator}). A step is covered when s_t &le; r_t. Implementations are deterministic (no
 * randomness, {@link StrictMath} for transcendental functions), single-threaded, and do not allocate per step in
 * steady state. Scores must not be NaN.
 *
 * <p>Create them with {@link Calibrators}: {@link Calibrators#warmStart} replays the calibration scores exactly as
 * the reference does; {@link #state()} and {@link Calibrators#restore} round-trip bit for bit
 * (as plain values; {@code io.regretless.codec.ConformalStateCodec} stores them).
 */
public interface Calibrator {
    /** A calibrator's complete state as plain values, configuration included; each calibrator has its record. */
    interface State {
    }

    CalibratorKind kind();

    /** The wire name of {@link #kind()}. */
    default String name() {
        return kind().wireName();
    }

    /** The target coverage c. */
    double coverage();

    /** The radius for the next prediction; may be {@code +∞} (ACI) and, for FACI-S, slightly negative. */
    double radius();

    /** Observes the score of the step whose radius was last read. */
    void update(double score);

    /**
     * The radius for a prediction that belongs to {@code groups} (names of overlapping subpopulations, e.g. a
     * season and a weather type). Only a group-conditional calibrator ({@link MultivalidCalibrator}) uses them;
     * the others give {@link #radius()}.
     */
    default double radius(Collection<String> groups) {
        return radius();
    }

    /** {@link #update(double)} for a step that belonged to {@code groups} (those its radius was read with). */
    default void update(double score, Collection<String> groups) {
        update(score);
    }

    /** The complete state, configuration included, from which {@link Calibrators#restore} rebuilds the calibrator. */
    State state();
}
