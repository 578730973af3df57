package io.regretless.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;

/**
 * One candidate policy of a shadow evaluation, as written in {@code regretless.model.<id>.shadows}
 * and in {@code evaluate --candidates}:
 *
 * <pre>
 *   candidates := candidate ( ',' candidate )*
 *   candidate  := base ( ':' key '=' value )*
 *   base       := linear-learner | deployed | uniform
 *   key        := exploration | exploration-name | shared | regularization | seed
 * </pre>
 *
 * where a linear learner is the wire name of any registered linear {@link LearnerKind} (linucb,
 * lints, squarecb, egreedy built in) and an exploration name is what such a learner calls its
 * exploration parameter (alpha, v, gamma0, epsilon); e.g.
 * {@code linucb:alpha=0.5, squarecb, egreedy:epsilon=0.05, lints:v=0.1:shared=true, uniform, deployed}.
 * A learner base is that learner with its default exploration and otherwise the deployed model's
 * configuration (shared or disjoint, dimension, λ, seed, max.arms); {@code deployed} is the model's
 * own configuration; {@code uniform} is the uniform policy and takes no option. Options override:
 * {@code alpha}, {@code v}, {@code gamma0} and {@code epsilon} are the exploration parameter of
 * linucb, lints, squarecb and egreedy under its usual name (only for that learner),
 * {@code exploration} is it under any learner; {@code shared} is {@code true} or {@code false};
 * {@code regularization} is λ &gt; 0; {@code seed} seeds the candidate's randomness. Blanks around
 * names and values are ignored. A candidate is named by its text without blanks, so names are what
 * was written and two candidates cannot share one.
 *
 * @param name           the candidate's text without blanks, e.g. {@code linucb:alpha=0.5}
 * @param base           what it starts from
 * @param exploration    α, v, γ₀ or ε when given, else null
 * @param explorationKey the name it was given under ({@code alpha}, ..., {@code exploration}), else null
 * @param shared         when given, else null
 * @param regularization λ when given, else null
 * @param seed           when given, else null
 */
public record CandidateSpec(String name, Base base, Double exploration, String explorationKey, Boolean shared,
                            Double regularization, Long seed) {

    /**
     * What a candidate starts from: a registered linear learner ({@link LearnerKind#linear()}), the
     * deployed model's own configuration, or the uniform policy.
     *
     * @param wireName the base as written, e.g. {@code linucb}
     * @param kind     the learner, or null for {@code deployed} and {@code uniform}
     */
    public record Base(String wireName, LearnerKind kind) {
        public static final Base DEPLOYED = new Base("deployed", null);
        public static final Base UNIFORM = new Base("uniform", null);

        static Base parse(String text, String where) {
            if (DEPLOYED.wireName.equals(text)) {
                return DEPLOYED;
            }
            if (UNIFORM.wireName.equals(text)) {
                return UNIFORM;
            }
            for (LearnerKind kind : LearnerKind.linear()) {
                if (kind.shortName().equals(text)) {
                    return new Base(text, kind);
                }
            }
            throw new IllegalArgumentException(where + ": unknown policy '" + text + "'; one of "
                + String.join(", ", learnerNames()) + ", deployed, uniform");
        }

        private String explorationName() {
            return kind == null ? null : kind.explorationName();
        }
    }

    public CandidateSpec {
        if (name == null || name.isEmpty() || base == null) {
            throw new IllegalArgumentException("a candidate needs a name and a base");
        }
        if (base.equals(Base.UNIFORM) && (exploration != null || shared != null || regularization != null || seed != null)) {
            throw new IllegalArgumentException(name + ": uniform takes no options");
        }
    }

    /**
     * Parses a comma-separated list of candidates.
     *
     * @throws IllegalArgumentException naming the candidate and what is wrong with it: an unknown
     *     policy or option, a bad value, an option given twice, a name listed twice, an empty list
     */
    public static List<CandidateSpec> parseList(String text) {
        List<CandidateSpec> candidates = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                if (parts.length == 1) {
                    break;
                }
                throw new IllegalArgumentException("candidate " + (i + 1) + " is empty");
            }
            CandidateSpec candidate = parse(part);
            if (!names.add(candidate.name())) {
                throw new IllegalArgumentException("candidate '" + candidate.name() + "' is listed twice");
            }
            candidates.add(candidate);
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate policy given");
        }
        return List.copyOf(candidates);
    }

    /** Parses one candidate, e.g. {@code lints:v=0.1:shared=true}. */
    public static CandidateSpec parse(String text) {
        String[] tokens = text.split(":", -1);
        StringBuilder name = new StringBuilder();
        String baseName = tokens[0].trim();
        name.append(baseName);
        String where = "candidate '" + text.trim() + "'";
        Base base = Base.parse(baseName, where);
        Double exploration = null;
        String explorationKey = null;
        Boolean shared = null;
        Double regularization = null;
        Long seed = null;
        Set<String> given = new HashSet<>();
        for (int t = 1; t < tokens.length; t++) {
            String option = tokens[t].trim();
            int eq = option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new IllegalArgumentException(where + ": expected key=value after ':', got '" + option + "'");
            }
            String key = option.substring(0, eq).trim();
            String value = option.substring(eq + 1).trim();
            name.append(':').append(key).append('=').append(value);
            LearnerKind named = explorationOf(key);
            String canonicalKey = named != null ? "exploration" : key;
            if (!given.add(canonicalKey)) {
                throw new IllegalArgumentException(where + ": '" + key + "' is given twice");
            }
            switch (key) {
                case "shared" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException(where + ": shared is true or false, got '" + value + "'");
                    }
                    shared = Boolean.valueOf(value);
                }
                case "regularization" -> regularization = number(value, where, key, v -> v > 0, "a number > 0");
                case "seed" -> {
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(where + ": seed is an integer, got '" + value + "'");
                    }
                }
                default -> {
                    if (!key.equals("exploration") && named == null) {
                        throw new IllegalArgumentException(where + ": unknown option '" + key + "'; one of "
                            + String.join(", ", optionNames()));
                    }
                    if (named != null && base.kind() != null && !key.equals(base.explorationName())) {
                        throw new IllegalArgumentException(where + ": '" + key + "' is " + named.shortName()
                            + "'s exploration; " + (base.explorationName() == null ? base.wireName() + " has none"
                                : base.wireName() + "'s is '" + base.explorationName() + "' (or 'exploration')"));
                    }
                    exploration = number(value, where, key, v -> v >= 0, "a number >= 0");
                    explorationKey = key;
                }
            }
        }
        return new CandidateSpec(name.toString(), base, exploration, explorationKey, shared, regularization, seed);
    }

    /**
     * The linear learner whose exploration parameter is called {@code key} ({@code alpha} is
     * linucb's), the first registered when two share a name; null for any other key.
     */
    private static LearnerKind explorationOf(String key) {
        for (LearnerKind kind : LearnerKind.linear()) {
            if (key.equals(kind.explorationName())) {
                return kind;
            }
        }
        return null;
    }

    /** Every option a candidate takes: exploration under any name, then the others. */
    private static List<String> optionNames() {
        List<String> options = new ArrayList<>();
        options.add("exploration");
        for (LearnerKind kind : LearnerKind.linear()) {
            if (kind.hasExploration() && !options.contains(kind.explorationName())) {
                options.add(kind.explorationName());
            }
        }
        options.addAll(List.of("shared", "regularization", "seed"));
        return options;
    }

    private static List<String> learnerNames() {
        return LearnerKind.linear().stream().map(LearnerKind::shortName).toList();
    }

    private static double number(String value, String where, String key, DoublePredicate ok,
                                 String allowed) {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " is " + allowed + ", got '" + value + "'");
        }
        if (!Double.isFinite(v) || !ok.test(v)) {
            throw new IllegalArgumentException(where + ": " + key + " is " + allowed + ", got '" + value + "'");
        }
        return v;
    }

    /**
     * The learner configuration this candidate runs with next to a model configured as
     * {@code deployed}, or null for {@code uniform}. Dimension, declared features and max.arms are always the model's.
     *
     * @throws IllegalArgumentException if the options do not fit the learner (a named exploration
     *     parameter of another learner, ε above 1)
     */
    public BanditConfig resolve(BanditConfig deployed) {
        if (base.equals(Base.UNIFORM)) {
            return null;
        }
        LearnerKind kind = base.equals(Base.DEPLOYED) ? deployed.kind() : base.kind();
        if (explorationKey != null && !explorationKey.equals("exploration")
                && (kind.multiArmed() || !explorationKey.equals(kind.explorationName()))) {
            throw new IllegalArgumentException("candidate '" + name + "': the deployed learner is " + kind.shortName()
                + ", whose exploration is not '" + explorationKey + "'");
        }
        double defaultExploration = base.equals(Base.DEPLOYED) ? deployed.exploration() : kind.defaultExploration();
        try {
            return new BanditConfig(kind, shared != null ? shared : deployed.shared(), deployed.dimension(),
                regularization != null ? regularization : deployed.regularization(),
                exploration != null ? exploration : defaultExploration, seed != null ? seed : deployed.seed(),
                deployed.maxArms(), deployed.multiArmed(), deployed.features());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("candidate '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The whole list as it would be written, e.g. for a setting's value. */
    public static String format(List<CandidateSpec> candidates) {
        return String.join(",", candidates.stream().map(CandidateSpec::name).toList());
    }
}
