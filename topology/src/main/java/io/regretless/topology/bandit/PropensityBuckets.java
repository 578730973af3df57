package io.regretless.topology.bandit;

/**
 * Names the tenth of (0, 1] a propensity falls in, as a metric tag ({@code 0.0-0.1} ... {@code 0.9-1.0}):
 * a histogram of how much a model still explores. Many decisions with small propensities make
 * off-policy estimates from the logs high-variance.
 */
final class PropensityBuckets {
    private static final String[] NAMES = new String[10];

    static {
        for (int i = 0; i < 10; i++) {
            NAMES[i] = String.format(java.util.Locale.ROOT, "%.1f-%.1f", i / 10.0, (i + 1) / 10.0);
        }
    }

    private PropensityBuckets() {
    }

    static String of(double propensity) {
        int bucket = (int) Math.ceil(propensity * 10) - 1;
        return NAMES[Math.max(0, Math.min(9, bucket))];
    }
}
