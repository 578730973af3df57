package io.regretless.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feature names a model gives coordinates of their own, so that they never share one: hashing
 * (Weinberger et al. 2009) maps n names into d coordinates with about n²/(2d) colliding pairs, and
 * names that collide add up into one coordinate the model cannot tell apart (the 64 pixels of the
 * digits and the bias land in 39 of 64 coordinates). Names not declared are still hashed, into the
 * coordinates the declared ones leave.
 *
 * <p>The layout, exactly, with k_c context and k_a action feature names declared (k = k_c + k_a
 * &gt; 0) and dimension d &ge; k + 2:
 * <ul>
 *   <li>{@code bias} &rarr; 0;</li>
 *   <li>the i-th declared context feature (from 0, in declared order) &rarr; 1 + i;</li>
 *   <li>the j-th declared action feature &rarr; 1 + k_c + j;</li>
 *   <li>any other name n (undeclared context and action features as {@code c^name} and
 *       {@code a^name}, a shared model's {@code i^id} and {@code x^id^name}) &rarr;
 *       1 + k + floorMod(murmur3_32(utf8(n), 0), d &minus; 1 &minus; k).</li>
 * </ul>
 * With nothing declared ({@link #NONE}) every name, the bias included, goes to
 * floorMod(murmur3_32(utf8(n), 0), d), as {@link FeatureHasher} documents: models without
 * declarations keep their coordinates.
 *
 * <p>Immutable; equal when the same names are declared in the same order.
 */
public final class DeclaredFeatures {
    /** Nothing declared: every name is hashed into all d coordinates. */
    public static final DeclaredFeatures NONE = new DeclaredFeatures(List.of(), List.of());
    /** The name of the feature that is 1 in every vector. */
    public static final String BIAS = "bias";
    /** Bound on the names one list may declare (a range such as {@code p{0..99999999}} is refused). */
    public static final int MAX_NAMES = 100_000;
    private static final int BIAS_HASH = HashedFeatureName.hash(BIAS, null, null, null);
    private static final Pattern RANGE = Pattern.compile("\\{(\\d{1,9})\\.\\.(\\d{1,9})}");

    private final List<String> context;
    private final List<String> action;
    private final Map<String, Integer> contextIndex;
    private final Map<String, Integer> actionIndex;

    private DeclaredFeatures(List<String> context, List<String> action) {
        this.context = context;
        this.action = action;
        this.contextIndex = indexes(context, 1, "context");
        this.actionIndex = indexes(action, 1 + context.size(), "action");
    }

    /**
     * Declares context and action feature names, each list in the order of their coordinates.
     *
     * @throws IllegalArgumentException if a name is null, blank or listed twice in its list
     */
    public static DeclaredFeatures of(List<String> context, List<String> action) {
        List<String> c = List.copyOf(Objects.requireNonNull(context, "context"));
        List<String> a = List.copyOf(Objects.requireNonNull(action, "action"));
        return c.isEmpty() && a.isEmpty() ? NONE : new DeclaredFeatures(c, a);
    }

    /** The declared context feature names, in coordinate order. */
    public List<String> context() {
        return context;
    }

    /** The declared action feature names, in coordinate order. */
    public List<String> action() {
        return action;
    }

    public boolean isEmpty() {
        return context.isEmpty() && action.isEmpty();
    }

    /** k, the number of declared names (the bias not counted). */
    public int count() {
        return context.size() + action.size();
    }

    /** The coordinates no hashed name can take: the bias and the declared names, or none without declarations. */
    public int fixedCoordinates() {
        return isEmpty() ? 0 : 1 + count();
    }

    /** The smallest dimension that leaves at least one coordinate for names not declared. */
    public int minimumDimension() {
        return fixedCoordinates() + 1;
    }

    /** The coordinate of the bias in a d-dimensional vector. */
    public int biasIndex(int dimension) {
        return isEmpty() ? Math.floorMod(BIAS_HASH, dimension) : 0;
    }

    /** The coordinate of declared context feature {@code name}, or -1 when it is not declared. */
    public int contextIndex(String name) {
        Integer index = contextIndex.get(name);
        return index == null ? -1 : index;
    }

    /** The coordinate of declared action feature {@code name}, or -1 when it is not declared. */
    public int actionIndex(String name) {
        Integer index = actionIndex.get(name);
        return index == null ? -1 : index;
    }

    /** The coordinate of a name that is not declared, from its murmur3 hash ({@link HashedFeatureName#hash}). */
    public int hashedIndex(int hash, int dimension) {
        int fixed = fixedCoordinates();
        return fixed + Math.floorMod(hash, dimension - fixed);
    }

    /**
     * The names of a comma-separated list, in order: blanks between commas are dropped, and an entry
     * with one range {@code {a..b}} (0 &le; a &le; b) stands for the names with each of a, a + 1, …, b
     * in its place: {@code p{0..63}} is {@code p0, p1, …, p63}.
     *
     * @throws IllegalArgumentException for a name with a space, a reversed range, a name listed twice,
     *     or more than {@value #MAX_NAMES} names
     */
    public static List<String> parseList(String text) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + entry + "' has a space; separate names with commas");
            }
            Matcher range = RANGE.matcher(entry);
            if (!range.find()) {
                add(entry, names, seen);
                continue;
            }
            long from = Long.parseLong(range.group(1));
            long to = Long.parseLong(range.group(2));
            if (from > to) {
                throw new IllegalArgumentException("'" + entry + "' has a range from " + from + " down to " + to);
            }
            if (to - from + 1 > MAX_NAMES) {
                throw new IllegalArgumentException("'" + entry + "' stands for more than " + MAX_NAMES + " names");
            }
            String prefix = entry.substring(0, range.start());
            String suffix = entry.substring(range.end());
            for (long i = from; i <= to; i++) {
                add(prefix + i + suffix, names, seen);
            }
        }
        return List.copyOf(names);
    }

    private static void add(String name, List<String> names, Set<String> seen) {
        if (!seen.add(name)) {
            throw new IllegalArgumentException("'" + name + "' is listed twice");
        }
        if (names.size() == MAX_NAMES) {
            throw new IllegalArgumentException("more than " + MAX_NAMES + " names");
        }
        names.add(name);
    }

    private static Map<String, Integer> indexes(List<String> names, int first, String kind) {
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a declared " + kind + " feature name is blank");
            }
            if (indexes.put(name, first + i) != null) {
                throw new IllegalArgumentException("the " + kind + " feature '" + name + "' is declared twice");
            }
        }
        return Collections.unmodifiableMap(indexes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeclaredFeatures other && context.equals(other.context) && action.equals(other.action);
    }

    @Override
    public int hashCode() {
        return 31 * context.hashCode() + action.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "none" : "context " + context + ", action " + action;
    }
}
