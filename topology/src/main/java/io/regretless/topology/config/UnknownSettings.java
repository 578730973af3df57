package io.regretless.topology.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.regretless.topology.config.Setting.Scope;

/**
 * The {@code regretless.*} properties that no declared setting reads, each with what was probably
 * meant: the nearest known name (with the listed model ids filled in), or, for a model setting whose
 * id is not listed, that the model is not listed and which listed id is nearest. Nothing reads an
 * unknown property, so a typo would otherwise leave the default in force without a word.
 */
final class UnknownSettings {
    private UnknownSettings() {
    }

    /**
     * One problem per unknown {@code regretless.*} name in {@code names}, in name order.
     *
     * @param ids the model ids each scope lists; a scope left out (its list could not be read) takes
     *            any id
     */
    static List<ConfigProblem> find(Collection<String> names, Map<Scope, List<String>> ids) {
        Set<String> known = knownNames(ids);
        List<ConfigProblem> problems = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (name.startsWith(RegretlessConfig.PREFIX) && !known.contains(name) && !anyIdWould(name, ids)) {
                problems.add(new ConfigProblem(name, message(name, known, ids)));
            }
        }
        return problems;
    }

    /** Every property name a declared setting reads, for the listed ids, in declaration order. */
    static Set<String> knownNames(Map<Scope, List<String>> ids) {
        Set<String> known = new LinkedHashSet<>();
        for (Setting<?> setting : RegretlessSettings.all()) {
            if (setting.scope() == Scope.APPLICATION) {
                known.add(setting.name());
            } else {
                ids.getOrDefault(setting.scope(), List.of()).forEach(id -> known.add(setting.key(id)));
            }
        }
        return known;
    }

    private static boolean anyIdWould(String name, Map<Scope, List<String>> ids) {
        return RegretlessSettings.all().stream()
            .anyMatch(s -> s.scope() != Scope.APPLICATION && !ids.containsKey(s.scope()) && s.idIn(name).isPresent());
    }

    private static String message(String name, Set<String> known, Map<Scope, List<String>> ids) {
        for (RegretlessSettings.Retired retired : RegretlessSettings.retired()) {
            if (retired.names(name)) {
                return name + " is gone: " + retired.why();
            }
        }
        return "unknown setting " + name + ": " + explain(name, known, ids);
    }

    private static String explain(String name, Set<String> known, Map<Scope, List<String>> ids) {
        for (Setting<?> setting : RegretlessSettings.all()) {
            Optional<String> id = setting.idIn(name);
            if (id.isPresent()) {
                return unlisted(setting, id.get(), ids);
            }
        }
        return DidYouMean.nearest(name, known).map(near -> "did you mean " + near + "?")
            .orElse("no regretless.* setting has that name or one near it (`validate --settings` lists them)");
    }

    private static String unlisted(Setting<?> setting, String id, Map<Scope, List<String>> ids) {
        Scope scope = setting.scope();
        List<String> listed = ids.getOrDefault(scope, List.of());
        String said = setting.scope().family() + " model '" + id + "' is not listed in " + scope.listKey();
        Optional<String> near = DidYouMean.nearest(id, listed);
        if (near.isPresent()) {
            return said + " (did you mean " + near.get() + "?)";
        }
        for (Map.Entry<Scope, List<String>> other : ids.entrySet()) {
            if (other.getKey() != scope && other.getValue().contains(id)) {
                return said + "; '" + id + "' is a " + other.getKey().family() + " model, whose settings start with "
                    + other.getKey().keyPrefix() + id + ".";
            }
        }
        return said + (listed.isEmpty() ? ", which lists none: add it there" : " (" + String.join(", ", listed)
            + "): add it there");
    }
}
