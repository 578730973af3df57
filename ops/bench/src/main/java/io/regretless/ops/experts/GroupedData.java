package io.regretless.ops.experts;

/**
 * A data set of rows for the groupwise experiment: a dense feature vector, the groups the row belongs
 * to (any number, each at most once) and a label in [0, 1]. {@link SyntheticGroups} is one; a real
 * tabular data set read from a file is another.
 */
public interface GroupedData {
    int rows();

    /** d, the length of every feature vector. */
    int features();

    /** G, the number of groups; group indices are 0..G−1. */
    int groups();

    String groupName(int group);

    /** Copies row t's features into {@code out} (length d). */
    void features(int row, double[] out);

    /** Writes row t's groups into {@code out} (length ≥ G) and returns how many there are. */
    int groups(int row, int[] out);

    /** Row t's label, in [0, 1]. */
    double label(int row);

    /**
     * Whether the features already hold the group indicators, so the learners see them as given (the
     * reference's own files); otherwise the experiment appends the indicators, as the paper does.
     */
    default boolean featuresIncludeGroups() {
        return false;
    }
}
