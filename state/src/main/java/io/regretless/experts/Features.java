package io.regretless.experts;

/** Checks on a feature vector before it reaches a ridge model, whose own checks stop at the length. */
final class Features {
    private Features() {
    }

    /** @throws IllegalArgumentException if {@code x} has the wrong length or a non-finite entry */
    static void check(double[] x, int dimension) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " features, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("feature " + i + " is not finite: " + x[i]);
            }
        }
    }

    /** @throws IllegalArgumentException if the label is not finite */
    static void checkLabel(double label) {
        if (!Double.isFinite(label)) {
            throw new IllegalArgumentException("label is not finite: " + label);
        }
    }
}
