package io.regretless.bandit;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.regretless.features.FeatureHasher;
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
        Map<String, Double> sortedContext = sorted(context, "context");
        int[] contextIndex = new int[sortedContext.size()];
        int c = 0;
        for (String name : sortedContext.keySet()) {
            contextIndex[c++] = FeatureHasher.index("c^" + name, d);
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
            c = 0;
            for (double value : sortedContext.values()) {
                x[contextIndex[c++]] += value;
            }
            for (Map.Entry<String, Double> f : sorted(action.getFeatures(), "action '" + id + "'").entrySet()) {
                x[FeatureHasher.index("a^" + f.getKey(), d)] += f.getValue();
            }
            if (config.shared()) {
                x[FeatureHasher.index("i^" + id, d)] += 1.0;
                for (Map.Entry<String, Double> f : sortedContext.entrySet()) {
                    x[FeatureHasher.index("x^" + id + "^" + f.getKey(), d)] += f.getValue();
                }
            }
            ids[a] = id;
            vectors[a] = x;
        }
        return new Candidates(ids, vectors);
    }

    private static Map<String, Double> sorted(Map<String, Double> features, String owner) {
        TreeMap<String, Double> sorted = new TreeMap<>();
        if (features == null) {
            return sorted;
        }
        for (Map.Entry<String, Double> f : features.entrySet()) {
            Double value = f.getValue();
            if (f.getKey() == null || value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(owner + " feature '" + f.getKey() + "' has no finite value: " + value);
            }
            sorted.put(f.getKey(), value);
        }
        return sorted;
    }
}
