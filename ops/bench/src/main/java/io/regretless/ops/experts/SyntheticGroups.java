package io.regretless.ops.experts;

import java.util.Random;

/**
 * The synthetic experiment of Acharya et al., "Oracle Efficient Algorithms for Groupwise Regret"
 * (ICLR 2024, §5.1), rebuilt from the reference generator {@code SynthGenLinear} of
 * krishnacharya/multidecomp with the paper's settings: 100,000 rows, 20 features, seed 21.
 *
 * <p>Every row has features x ~ U[0, 1]^d, one shape (circle, square with probabilities ½, ½) and one
 * colour (red, green, blue, yellow, purple, orange with probabilities .61, .12, .10, .08, .06, .03 —
 * the reference's two attributes and their frequencies, under neutral names). Each of the 8 groups g
 * has its own true coefficients w_g ~ U[0, 1]^d, and its own label y_g = w_gᵀx + ε_g with
 * ε_g ~ N(0, 0.16²). A row's label is the mean of y_g over its two groups, min-max scaled over the
 * whole data set to [0, 1]. Groups 0–1 are the shapes, 2–7 the colours.
 *
 * <p>Same distribution and draw order as the reference, different numbers: the randomness is
 * {@link java.util.Random} (whose algorithm the JDK specifies, so the data are the same on every JVM),
 * not NumPy's Mersenne Twister. Rows are generated in memory (8·rows·(d + 2) bytes).
 */
public final class SyntheticGroups implements GroupedData {
    public static final int PAPER_ROWS = 100_000;
    public static final int PAPER_FEATURES = 20;
    public static final long PAPER_SEED = 21L;
    /** Standard deviation of each group's label noise (the reference's {@code label_noise_width}). */
    public static final double NOISE = 0.16;

    private static final String[] NAMES = {"circle", "square", "red", "green", "blue", "yellow", "purple", "orange"};
    private static final double[] SHAPE_P = {0.5, 0.5};
    private static final double[] COLOUR_P = {0.61, 0.12, 0.10, 0.08, 0.06, 0.03};
    private static final int SHAPES = SHAPE_P.length;

    private final int rows;
    private final int features;
    private final double[] x;
    private final int[] shape;
    private final int[] colour;
    private final double[] label;
    private final double[] coefficients;

    private SyntheticGroups(int rows, int features, double[] x, int[] shape, int[] colour, double[] label,
                            double[] coefficients) {
        this.rows = rows;
        this.features = features;
        this.x = x;
        this.shape = shape;
        this.colour = colour;
        this.label = label;
        this.coefficients = coefficients;
    }

    /** The paper's data set: 100,000 rows, 20 features, seed 21. */
    public static SyntheticGroups paper() {
        return generate(PAPER_ROWS, PAPER_FEATURES, PAPER_SEED);
    }

    /** A data set of the paper's design with the given size and seed. */
    public static SyntheticGroups generate(int rows, int features, long seed) {
        if (rows < 2 || features < 1) {
            throw new IllegalArgumentException("need rows >= 2 and features >= 1, got " + rows + ", " + features);
        }
        Random random = new Random(seed);
        int groups = NAMES.length;
        double[] x = new double[Math.multiplyExact(rows, features)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        int[] shape = new int[rows];
        int[] colour = new int[rows];
        for (int t = 0; t < rows; t++) {
            shape[t] = categorical(random, SHAPE_P);
        }
        for (int t = 0; t < rows; t++) {
            colour[t] = SHAPES + categorical(random, COLOUR_P);
        }
        double[] w = new double[features * groups]; // w[j * groups + g], the reference's (dim, groups) layout
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextDouble();
        }
        double[] label = new double[rows];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < rows; t++) {
            double sum = 0.0;
            for (int g = 0; g < groups; g++) {
                // Every group's label is drawn, active or not, as the reference does.
                double yg = NOISE * random.nextGaussian();
                for (int j = 0; j < features; j++) {
                    yg += x[t * features + j] * w[j * groups + g];
                }
                if (g == shape[t] || g == colour[t]) {
                    sum += yg;
                }
            }
            label[t] = sum / 2.0;
            min = Math.min(min, label[t]);
            max = Math.max(max, label[t]);
        }
        for (int t = 0; t < rows; t++) {
            label[t] = (label[t] - min) / (max - min);
        }
        return new SyntheticGroups(rows, features, x, shape, colour, label, w);
    }

    /** Draws an index with the given probabilities (summing to 1) by inverting the cumulative sum. */
    private static int categorical(Random random, double[] p) {
        double u = random.nextDouble();
        double cumulative = 0.0;
        for (int i = 0; i < p.length - 1; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return p.length - 1;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int features() {
        return features;
    }

    /** 8: two shapes, then six colours. */
    @Override
    public int groups() {
        return NAMES.length;
    }

    @Override
    public String groupName(int group) {
        return NAMES[group];
    }

    /** Copies row t's features into {@code out} (length d). */
    @Override
    public void features(int row, double[] out) {
        System.arraycopy(x, row * features, out, 0, features);
    }

    /** Writes row t's two groups, shape then colour, into {@code out} (length ≥ 2); returns 2. */
    @Override
    public int groups(int row, int[] out) {
        out[0] = shape[row];
        out[1] = colour[row];
        return 2;
    }

    /** Row t's label, in [0, 1]. */
    @Override
    public double label(int row) {
        return label[row];
    }

    /** Group g's true coefficients w_g (before the labels' min-max scaling), a new array. */
    public double[] trueCoefficients(int group) {
        double[] out = new double[features];
        for (int j = 0; j < features; j++) {
            out[j] = coefficients[j * NAMES.length + group];
        }
        return out;
    }
}
