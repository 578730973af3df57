package io.regretless.topology.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code regretless.*} setting: its name, the values it takes, its default and what it does.
 * Settings of a model carry the model id in their name ({@code regretless.model.<id>.learner}); the
 * ids are those listed in the scope's list setting ({@code regretless.models}). Every setting is
 * declared once, in {@link RegretlessSettings}, and read only through its declaration.
 *
 * @param scope        the application, or the family of models whose ids the name carries
 * @param name         the whole name of an application setting; what follows the id for a model setting
 * @param type         the values it takes
 * @param defaultValue the default as it would be written in the file, or null: required, or a default
 *                     that depends on other settings (said in {@code doc})
 * @param doc          what it does, one line
 */
public record Setting<T>(Scope scope, String name, SettingType<T> type, String defaultValue, String doc) {

    /** Where a setting applies. */
    public enum Scope {
        APPLICATION(null, null, null),
        BANDIT("regretless.model.", "regretless.models", "bandit"),
        CONFORMAL("regretless.conformal.model.", "regretless.conformal.models", "conformal"),
        EXPERTS("regretless.experts.model.", "regretless.experts.models", "experts");

        private final String keyPrefix;
        private final String listKey;
        private final String family;

        Scope(String keyPrefix, String listKey, String family) {
            this.keyPrefix = keyPrefix;
            this.listKey = listKey;
            this.family = family;
        }

        /** What every model setting of this scope starts with, before the id: {@code regretless.model.}. */
        public String keyPrefix() {
            return keyPrefix;
        }

        /** The setting that lists the ids of this scope's models, e.g. {@code regretless.models}. */
        public String listKey() {
            return listKey;
        }

        /** The kind of model in words: bandit, conformal, experts. */
        public String family() {
            return family;
        }
    }

    public Setting {
        if (scope == null || name == null || type == null || doc == null) {
            throw new IllegalArgumentException("scope, name, type and doc are required");
        }
        if (scope == Scope.APPLICATION && !name.startsWith(RegretlessConfig.PREFIX)) {
            throw new IllegalArgumentException("application settings start with " + RegretlessConfig.PREFIX + ": " + name);
        }
    }

    /** The property name of this setting for model {@code id} (ignored for application settings). */
    public String key(String id) {
        return scope == Scope.APPLICATION ? name : scope.keyPrefix + id + "." + name;
    }

    /** The name as documented: {@code regretless.model.<id>.learner}. */
    public String pattern() {
        return key("<id>");
    }

    /** The model id a property name gives this setting, if it is this setting's name for some id. */
    public Optional<String> idIn(String property) {
        if (scope == Scope.APPLICATION) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile(Pattern.quote(scope.keyPrefix) + "(.+)" + Pattern.quote("." + name)).matcher(property);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
