package io.regretless.bandit;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.regretless.features.CollisionSketch;
import io.regretless.features.DeclaredFeatures;
import io.regretless.features.FeatureHasher;
import io.regretless.features.HashedFeatureName;
import io.regretless.schemas.Action;

/**
 * Turns a request's context and candidate actions into the model's d-dimensional vectors. The
 * vector of action a is the sum, over these named features, of value × e_{index(name)}:
 * <ul>
 *   <li>{@code "bias"} = 1;</li>
 *   <li>{@code "c^" + name} = value, for each context feature;</li>
 *   <li>{@code "a^" + name} = value, for each feature of action a;</li>
 *   <li>only for shared models: {@code "i^" + actionId} = 1, and {@code "x^" + actionId + "^" + name}
 *       = value for each context feature — the action indicator and action × context crosses that
 *       let one linear model give each action its own intercept and context weights.</li>
 * </ul>
 * The bias and the model's {@link DeclaredFeatures declared} context and action features have
 * coordinates of their own; every other name is {@link FeatureHasher hashed} into the coordinates
 * left (all d of them when nothing is declared). {@link DeclaredFeatures} gives the formula.
 * Features are added in exactly the order above, the context and action features each in ascending
 * {@link String#compareTo} order of their names, so values that share a coordinate are summed in the
 * same order whatever the iteration order of the maps passed in: the vectors, and so the decisions,
 * are the same bit for bit.
 */
public final class CandidateEncoder {
    public static final String BIAS = DeclaredFeatures.BIAS;
    private static final String[] NO_NAMES = new String[0];
    private static final int BIAS_HASH = HashedFeatureName.hash(BIAS, null, null, null);

    private CandidateEncoder() {
    }

    /**
     * @throws IllegalArgumentException if there are no actions, an action id is missing or
     *     repeated, or a feature value is missing or not finite
     */
    public static Candidates encode(Map<String, Double> context, List<Action> actions, BanditConfig config) {
        return encode(context, actions, config, null);
    }

    /**
     * As {@link #encode(Map, List, BanditConfig)}, recording each hashed name's coordinate in
     * {@code names} (null: not recorded), so that collisions can be counted.
     */
    public static Candidates encode(Map<String, Double> context, List<Action> actions, BanditConfig config,
                                    CollisionSketch names) {
        int d = config.dimension();
        DeclaredFeatures declared = config.features();
        if (actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("a decision needs at least one candidate action");
        }
        String[] contextNames = sortedNames(context, "context");
        int[] contextIndex = new int[contextNames.length];
        double[] contextValue = new double[contextNames.length];
        for (int c = 0; c < contextNames.length; c++) {
            int index = declared.contextIndex(contextNames[c]);
            contextIndex[c] = index >= 0 ? index : hashed(declared, "c^", null, null, contextNames[c], d, names);
            contextValue[c] = context.get(contextNames[c]);
        }
        int biasIndex = declared.biasIndex(d);
        if (names != null && declared.isEmpty()) {
            names.observe(biasIndex, BIAS_HASH);
        }
        String[] ids = new String[actions.size()];
        double[][] vectors = new double[actions.size()][];
        Set<String> seen = new HashSet<>();
        for (int a = 0; a < ids.length; a++) {
            Action action = actions.get(a);
            String id = action == null ? null : action.getId();
            if (id == null || !seen.add(id)) {
                throw new IllegalArgumentException(id == null
                    ? "candidate action " + a + " has no id" : "action id '" + id + "' appears twice");
            }
            double[] x = new double[d];
            x[biasIndex] += 1.0;
            for (int c = 0; c < contextIndex.length; c++) {
                x[contextIndex[c]] += contextValue[c];
            }
            Map<String, Double> features = action.getFeatures();
            for (String name : sortedNames(features, "action '" + id + "'")) {
                int index = declared.actionIndex(name);
                x[index >= 0 ? index : hashed(declared, "a^", null, null, name, d, names)] += features.get(name);
            }
            if (config.shared()) {
                x[hashed(declared, "i^", id, null, null, d, names)] += 1.0;
                for (int c = 0; c < contextNames.length; c++) {
                    x[hashed(declared, "x^", id, "^", contextNames[c], d, names)] += contextValue[c];
                }
            }
            ids[a] = id;
            vectors[a] = x;
        }
        return new Candidates(ids, vectors);
    }

    /** The coordinate of a name that is not declared, recorded in {@code names} when given. */
    private static int hashed(DeclaredFeatures declared, String a, String b, String c, String d, int dimension,
                              CollisionSketch names) {
        int hash = HashedFeatureName.hash(a, b, c, d);
        int index = declared.hashedIndex(hash, dimension);
        if (names != null) {
            names.observe(index, hash);
        }
        return index;
    }

    /** The names in ascending order, each checked to have a finite value. */
    private static String[] sortedNames(Map<String, Double> features, String owner) {
        if (features == null || features.isEmpty()) {
            return NO_NAMES;
        }
        String[] names = new String[features.size()];
        int i = 0;
        for (Map.Entry<String, Double> f : features.entrySet()) {
            Double value = f.getValue();
            if (f.getKey() == null || value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(owner + " feature '" + f.getKey() + "' has no finite value: " + value);
            }
            names[i++] = f.getKey();
        }
        Arrays.sort(names);
        return names;
    }
}
