package io.regretless.topology.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * How the text of a setting becomes its value, and which texts are allowed. {@link #parse} refuses
 * anything else with a message that says what is allowed, so every refusal can name the setting and
 * the values it takes.
 *
 * @param description what the setting takes, in words, when asked ({@link #allowed}): a list of
 *                    names may grow while the application starts (a registered learner)
 * @param parser      the text (trimmed, not blank) to the value; throws {@link IllegalArgumentException}
 */
public record SettingType<T>(Supplier<String> description, Function<String, T> parser) {
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    /** @param allowed what the setting takes, in words: {@code an integer >= 1}, {@code one of rocksdb, in-memory} */
    public SettingType(String allowed, Function<String, T> parser) {
        this(() -> allowed, parser);
    }

    /** What the setting takes, in words: {@code an integer >= 1}, {@code one of rocksdb, in-memory}. */
    public String allowed() {
        return description.get();
    }

    /** The value of {@code text}, or an {@link IllegalArgumentException} saying what is allowed. */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text);
        } catch (IllegalArgumentException e) {
            String detail = e instanceof NumberFormatException || e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw new IllegalArgumentException("expected " + allowed() + detail, e);
        }
        if (value == null) {
            throw new IllegalArgumentException("expected " + allowed());
        }
        return value;
    }

    /** An integer of at least {@code min}. */
    public static SettingType<Integer> integer(int min) {
        return new SettingType<>("an integer >= " + min, text -> {
            int v = Integer.parseInt(text);
            return v >= min ? v : null;
        });
    }

    /** A 64-bit integer of at least {@code min}. */
    public static SettingType<Long> longInteger(long min) {
        return new SettingType<>("an integer >= " + min, text -> {
            long v = Long.parseLong(text);
            return v >= min ? v : null;
        });
    }

    /** Any 64-bit integer. */
    public static SettingType<Long> anyLong() {
        return new SettingType<>("an integer", Long::parseLong);
    }

    /** Milliseconds, at least {@code min}. */
    public static SettingType<Long> millis(long min) {
        return new SettingType<>("milliseconds, an integer >= " + min, text -> {
            long v = Long.parseLong(text);
            return v >= min ? v : null;
        });
    }

    /** A finite number that {@code ok} accepts, described by {@code allowed} (e.g. {@code a number in (0, 1)}). */
    public static SettingType<Double> number(String allowed, DoublePredicate ok) {
        return new SettingType<>(allowed, text -> {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) && ok.test(v) ? v : null;
        });
    }

    /** {@code true} or {@code false}, in any case. */
    public static SettingType<Boolean> bool() {
        return new SettingType<>("true or false", text -> {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        });
    }

    /**
     * One of {@code names}, read by {@code parser} (which may accept other spellings too); a near miss
     * is answered with the name it probably meant.
     */
    public static <E> SettingType<E> oneOf(List<String> names, Function<String, E> parser) {
        List<String> known = List.copyOf(names);
        return oneOf(() -> known, parser);
    }

    /**
     * One of the names {@code names} gives when the setting is read or described (a registry that
     * may grow, such as the learners'), read by {@code parser}; a near miss is answered with the
     * name it probably meant.
     */
    public static <E> SettingType<E> oneOf(Supplier<List<String>> names, Function<String, E> parser) {
        return new SettingType<>(() -> "one of " + String.join(", ", names.get()), text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(DidYouMean.nearest(text, names.get())
                    .map(name -> "did you mean " + name + "?").orElse(null), e);
            }
        });
    }

    /** A comma-separated list of distinct names without spaces; blanks between commas are dropped. */
    public static SettingType<List<String>> names() {
        return new SettingType<>("a comma-separated list of distinct names without spaces", text -> {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String part : text.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (name.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("'" + name + "' has a space; separate names with commas");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("'" + name + "' is listed twice");
                }
                names.add(name);
            }
            return List.copyOf(names);
        });
    }

    /** A prefix of Kafka topic names: letters, digits, '.', '_' and '-'. */
    public static SettingType<String> topicPrefix() {
        return new SettingType<>("letters, digits, '.', '_' and '-' (it starts every topic name)",
            text -> TOPIC_NAME.matcher(text).matches() && text.length() <= 200 ? text : null);
    }
}
