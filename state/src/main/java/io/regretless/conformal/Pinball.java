package io.regretless.conformal;

/**
 * The pinball (quantile) loss and its gradient, in the reference implementation's exact floating-point form
 * (salesforce/online_conformal {@code utils.pinball_loss}, {@code pinball_loss_grad}).
 *
 * <p>pinball(y, ŷ, q) = max(q·(y − ŷ), (1 − q)·(ŷ − y)); its gradient in ŷ is −q if y &gt; ŷ, 1 − q if y &lt; ŷ,
 * 0 if equal. With y a score and ŷ a radius, q = c gives the loss whose minimiser is the c-quantile of the scores,
 * which is why every online calibrator here descends it.
 */
public final class Pinball {
    private Pinball() {
    }

    public static double loss(double y, double yhat, double q) {
        return Math.max(q * (y - yhat), (1 - q) * (yhat - y));
    }

    public static double grad(double y, double yhat, double q) {
        if (y > yhat) {
            return -q;
        }
        return y < yhat ? 1 - q : 0.0;
    }
}
