package io.regretless.conformal;

import io.regretless.codec.PackedState;
import io.regretless.codec.StateReader;
import io.regretless.codec.StateWriter;

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
    public PackedState exportState() {
        return new StateWriter(kind().wireName())
                .putDouble(coverage).putDouble(scale).putDouble(radius).putDouble(gradNormSq).build();
    }

    static ScaleFreeOgd restore(PackedState state) {
        StateReader r = new StateReader(state, CalibratorKind.SF_OGD.wireName());
        ScaleFreeOgd o = new ScaleFreeOgd(r.getDouble(), r.getDouble(), r.getDouble(), r.getDouble());
        r.finish();
        return o;
    }
}
