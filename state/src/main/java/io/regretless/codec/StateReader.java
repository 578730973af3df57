package io.regretless.codec;

/**
 * Reads a {@link PackedState} in the order its {@link StateWriter} wrote it. Every read is bounds-checked and
 * {@link #finish()} rejects trailing values, so a state of the wrong layout fails loudly instead of loading garbage.
 *
 * <p>A state's {@link PackedState#kind()} is its class and layout version ({@code experts.groupwise-ridge.v2};
 * a kind without a version suffix is version 1 of its layout). A reader accepts exactly the kind it is
 * given; a state of the same class at another version is refused with an error that names both versions.
 */
public final class StateReader {
    private final PackedState state;
    private final double[] doubles;
    private final long[] longs;
    private int id;
    private int il;

    public StateReader(PackedState state, String expectedKind) {
        if (!state.kind().equals(expectedKind)) {
            String stem = stem(expectedKind);
            if (stem.equals(stem(state.kind()))) {
                throw new IllegalArgumentException("state '" + stem + "' of layout version " + version(state.kind())
                    + ", which this build does not read: it reads version " + version(expectedKind));
            }
            throw new IllegalArgumentException(
                    "state of kind '" + state.kind() + "' where '" + expectedKind + "' was expected");
        }
        this.state = state;
        this.doubles = state.doubles();
        this.longs = state.longs();
    }

    public double getDouble() {
        if (id >= doubles.length) {
            throw corrupt("too few doubles");
        }
        return doubles[id++];
    }

    public long getLong() {
        if (il >= longs.length) {
            throw corrupt("too few longs");
        }
        return longs[il++];
    }

    /** A long that must fit a non-negative int (sizes, capacities). */
    public int getSize() {
        long v = getLong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw corrupt("size out of range: " + v);
        }
        return (int) v;
    }

    public double[] getDoubles() {
        int n = getSize();
        if (n > doubles.length - id) {
            throw corrupt("array of " + n + " doubles overruns the state");
        }
        double[] out = new double[n];
        System.arraycopy(doubles, id, out, 0, n);
        id += n;
        return out;
    }

    /** A string written by {@link StateWriter#putString}. */
    public String getString() {
        int n = getSize();
        if (n > 8L * (longs.length - il)) {
            throw corrupt("string of " + n + " bytes overruns the state");
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i += 8) {
            long packed = getLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                bytes[i + j] = (byte) (packed >>> (8 * j));
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** True when every value has been read (a layout that grew at its end can tell an older state by this). */
    public boolean atEnd() {
        return id == doubles.length && il == longs.length;
    }

    public void finish() {
        if (id != doubles.length || il != longs.length) {
            throw corrupt("trailing values");
        }
    }

    /** The kind without its version suffix ({@code .vN} or {@code -N}). */
    private static String stem(String kind) {
        return kind.replaceFirst("(\\.v|-)[0-9]+$", "");
    }

    private static String version(String kind) {
        String stem = stem(kind);
        return stem.length() == kind.length() ? "1" : kind.substring(stem.length()).replaceFirst("^(\\.v|-)", "");
    }

    private IllegalArgumentException corrupt(String why) {
        return new IllegalArgumentException("corrupt " + state.kind() + " state: " + why);
    }
}
