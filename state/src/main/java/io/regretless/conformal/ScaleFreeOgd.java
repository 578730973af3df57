package io.regretless.conformal;

/**
 * Scale-free online gradient descent on the pinball loss (SF-OGD; Orabona &amp; Pál, "Scale-free online
 * learning", 2016, with the adaptation of Bhatnagar et al. 2023; reference {@code ogd.ScaleFreeOGD}):
 * g = ∂pinball(s, r, c)/∂r, G += g², r ← max(0, r − S/√(3G) · g).
 *
 * <p>The step S/√(3G) needs no tuning beyond the scale S of the scores, which is why SF-OGD is the expert SAOCP
 * runs. Warm start: S = √3 · max |calibration score| (unless configured), then the calibration scores are
 * replayed through {@link #update} from r = 0. O(1) per step, three doubles of state.
 */
public final class ScaleFreeOgd implements Calibrator {
    /** The coverage, the scale S, the radius and the sum of squared gradients. */
    public record State(double coverage, double scale, double radius, double gradNormSq) implements Calibrator.State {
    }

    private final double coverage;
    private final double scale;
    private double radius;
    private double gradNormSq;

    private ScaleFreeOgd(double coverage, double scale, double radius, double gradNormSq) {
        this.coverage = coverage;
        this.scale = scale;
        this.radius = radius;
        this.gradNormSq = gradNormSq;
    }

    public static ScaleFreeOgd warmStarted(CalibratorConfig config, double[] calibrationScores) {
        ScaleFreeOgd o = new ScaleFreeOgd(config.coverage(), config.resolveScale(calibrationScores), 0.0, 0.0);
        for (double s : calibrationScores) {
            o.update(s);
        }
        return o;
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.SF_OGD;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    public double scale() {
        return scale;
    }

    @Override
    public double radius() {
        return radius;
    }

    @Override
    public void update(double score) {
        double grad = Pinball.grad(score, radius, coverage);
        gradNormSq += grad * grad;
        if (gradNormSq != 0) {
            radius = Math.max(0, radius - scale / Math.sqrt(3 * gradNormSq) * grad);
        }
    }

    @Override
    public State state() {
        return new State(coverage, scale, radius, gradNormSq);
    }

    public static ScaleFreeOgd restore(State state) {
        return new ScaleFreeOgd(state.coverage(), state.scale(), state.radius(), state.gradNormSq());
    }
}
