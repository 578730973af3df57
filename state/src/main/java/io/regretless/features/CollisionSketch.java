package io.regretless.features;

/**
 * Counts the hashed feature names that share a coordinate with another, from the names a model's
 * vectors were encoded from: per coordinate it keeps the distinct 32-bit name hashes
 * ({@link HashedFeatureName#hash}) it has seen, up to {@value #SLOTS}, so it takes
 * {@code 4 · SLOTS · d} bytes however many names arrive. Two names are told apart by their hashes:
 * names with equal 32-bit hashes (for a pair, a chance of 2⁻³²) count as one.
 *
 * <p>The counts are exact while no coordinate has seen more than {@value #SLOTS} distinct names;
 * beyond that they are lower bounds, and {@link Report#exact()} says so. They depend only on the
 * set of names seen, not on their order. Not thread-safe.
 */
public final class CollisionSketch {
    /** Distinct names kept per coordinate. */
    public static final int SLOTS = 8;

    private final int dimension;
    private final int[] hashes;
    private final byte[] counts;
    private final boolean[] overflowing;
    private long changes;

    /** A sketch of a d-dimensional model's coordinates that has seen nothing. */
    public CollisionSketch(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
        this.hashes = new int[dimension * SLOTS];
        this.counts = new byte[dimension];
        this.overflowing = new boolean[dimension];
    }

    public int dimension() {
        return dimension;
    }

    /**
     * Records that a name with this hash was encoded into coordinate {@code index}.
     *
     * @return whether the counts changed (a name new to its coordinate)
     */
    public boolean observe(int index, int hash) {
        int count = counts[index];
        int base = index * SLOTS;
        for (int i = 0; i < count; i++) {
            if (hashes[base + i] == hash) {
                return false;
            }
        }
        if (count < SLOTS) {
            hashes[base + count] = hash;
            counts[index]++;
            changes++;
            return true;
        }
        if (overflowing[index]) {
            return false;
        }
        overflowing[index] = true;
        changes++;
        return true;
    }

    /** How many times the counts changed: a new value means a new {@link #report} is due. */
    public long changes() {
        return changes;
    }

    /**
     * The counts so far.
     *
     * @param declared names with coordinates of their own ({@link DeclaredFeatures#fixedCoordinates()}:
     *                 the bias and the declared names), which share none
     */
    public Report report(int declared) {
        int names = 0;
        int sharing = 0;
        int over = 0;
        for (int c = 0; c < dimension; c++) {
            names += counts[c];
            if (counts[c] > 1) {
                sharing += counts[c];
            }
            if (overflowing[c]) {
                over++;
            }
        }
        return new Report(declared, names, sharing, over);
    }

    /**
     * How a model's feature names sit in its coordinates.
     *
     * @param declared    names with a coordinate of their own (the bias and the declared names)
     * @param hashed      distinct hashed names seen
     * @param sharing     of those, the names that share their coordinate with another
     * @param overflowing coordinates that saw more than {@value #SLOTS} names: where counts are lower bounds
     */
    public record Report(int declared, int hashed, int sharing, int overflowing) {
        /** All names: declared and hashed. */
        public int names() {
            return declared + hashed;
        }

        /** Whether the counts are exact rather than lower bounds. */
        public boolean exact() {
            return overflowing == 0;
        }

        /** "k of n feature names share a coordinate with another", with "at least" where counts are bounds. */
        public String describe() {
            String bound = exact() ? "" : "at least ";
            return bound + sharing + " of " + bound + names() + " feature names share a coordinate with another";
        }
    }
}
