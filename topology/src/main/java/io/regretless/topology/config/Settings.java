package io.regretless.topology.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed reads of declared settings that keep going past a bad value: each refusal is recorded, once
 * per property, with the property's name and what it allows, and the read returns the fallback, so one
 * pass over a file finds every mistake in it rather than the first.
 */
final class Settings {
    /**
     * A '#' that starts the value or follows a space. Java properties have comments only on lines of
     * their own, so {@code learner=squarecb  # linucb | lints} sets the learner to all of that text.
     */
    static final Pattern INLINE_COMMENT = Pattern.compile("(^|\\s)#");

    private final Properties props;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> refused = new HashSet<>();

    Settings(Properties props) {
        this.props = props;
    }

    /** The setting's value, its default when unset, or null (and a problem) when it is required and unset. */
    <T> T get(Setting<T> setting) {
        return get(setting, null);
    }

    /** As {@link #get(Setting)}, for model {@code id}. */
    <T> T get(Setting<T> setting, String id) {
        T fallback = setting.defaultValue() == null ? null : setting.type().parse(setting.defaultValue());
        return value(setting, id, fallback, setting.defaultValue() == null);
    }

    /** The setting's value for model {@code id}, or {@code fallback} when it is unset or bad. */
    <T> T get(Setting<T> setting, String id, T fallback) {
        return value(setting, id, fallback, false);
    }

    /** Whether the setting is written for model {@code id} (blank counts as unset). */
    boolean isSet(Setting<?> setting, String id) {
        String text = props.getProperty(setting.key(id));
        return text != null && !text.isBlank();
    }

    /** Records a problem with one property; a property is refused once, by the first problem found. */
    void refuse(String key, String message) {
        if (refused.add(key)) {
            problems.add(new ConfigProblem(key, message));
        }
    }

    /** Records a problem that concerns several properties. */
    void problem(String message) {
        problems.add(new ConfigProblem(null, message));
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    int problemCount() {
        return problems.size();
    }

    private <T> T value(Setting<T> setting, String id, T fallback, boolean required) {
        String key = setting.key(id);
        String text = props.getProperty(key);
        if (text == null || text.isBlank()) {
            if (required) {
                refuse(key, "missing required setting " + key + ": " + setting.type().allowed());
            }
            return fallback;
        }
        text = text.trim();
        if (INLINE_COMMENT.matcher(text).find()) {
            refuse(key, "bad value for " + key + "='" + text + "': values cannot carry inline comments; "
                + "put the comment on its own line");
            return fallback;
        }
        try {
            return setting.type().parse(text);
        } catch (IllegalArgumentException e) {
            refuse(key, "bad value for " + key + "='" + text + "': " + e.getMessage());
            return fallback;
        }
    }
}
