package io.regretless.bandit;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.regretless.features.FeatureHasher;
import io.regretless.features.HashedFeatureName;
import io.regretless.schemas.Action;

/**
 * Turns a request's context and candidate actions into the model's d-dimensional vectors by
 * {@link FeatureHasher feature hashing}. The vector of action a is the sum, over these named
 * features, of value × e_{index(name, d)}:
 * <ul>
 *   <li>{@code "bias"} = 1;</li>
 *   <li>{@code "c^" + name} = value, for each context feature;</li>
 *   <li>{@code "a^" + name} = value, for each feature of action a;</li>
 *   <li>only for shared models: {@code "i^" + actionId} = 1, and {@code "x^" + actionId + "^" + name}
 *       = value for each context feature — the action indicator and action × context crosses that
 *       let one linear model give each action its own intercept and context weights.</li>
 * </ul>
 * Features are added in exactly that order, the context and action features each in ascending
 * {@link String#compareTo} order of their names, so colliding values are summed in the same order
 * whatever the iteration order of the maps passed in: the vectors, and so the decisions, are the
 * same bit for bit.
 */
public final class CandidateEncoder {
    public static final String BIAS = "bias";
    private static final String[] NO_NAMES = new String[0];

    private CandidateEncoder() {
    }

    /**
     * @throws IllegalArgumentException if there are no actions, an action id is missing or
     *     repeated, or a feature value is missing or not finite
     */
    public static Candidates encode(Map<String, Double> context, List<Action> actions, BanditConfig config) {
        int d = config.dimension();
        if (actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("a decision needs at least one candidate action");
        }
        String[] contextNames = sortedNames(context, "context");
        int[] contextIndex = new int[contextNames.length];
        double[] contextValue = new double[contextNames.length];
        for (int c = 0; c < contextNames.length; c++) {
            contextIndex[c] = HashedFeatureName.index("c^", contextNames[c], null, null, d);
            contextValue[c] = context.get(contextNames[c]);
        }
        int biasIndex = FeatureHasher.index(BIAS, d);
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
                x[HashedFeatureName.index("a^", name, null, null, d)] += features.get(name);
            }
            if (config.shared()) {
                x[HashedFeatureName.index("i^", id, null, null, d)] += 1.0;
                for (int c = 0; c < contextNames.length; c++) {
                    x[HashedFeatureName.index("x^", id, "^", contextNames[c], d)] += contextValue[c];
                }
            }
            ids[a] = id;
            vectors[a] = x;
        }
        return new Candidates(ids, vectors);
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
