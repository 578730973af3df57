package io.regretless.topology.config;

import java.util.Properties;
import java.util.function.Function;

/** Typed reads of properties that name the offending property when a value is missing or malformed. */
final class Settings {
    private final Properties props;

    Settings(Properties props) {
        this.props = props;
    }

    String string(String name, String fallback) {
        String value = props.getProperty(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("missing required setting " + name);
            }
            return fallback;
        }
        return value.trim();
    }

    <T> T parse(String name, String fallback, Function<String, T> parser) {
        String value = string(name, fallback);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad value for " + name + "='" + value + "': " + e.getMessage(), e);
        }
    }

    int intValue(String name, int fallback) {
        return parse(name, Integer.toString(fallback), Integer::parseInt);
    }

    long longValue(String name, long fallback) {
        return parse(name, Long.toString(fallback), Long::parseLong);
    }

    double doubleValue(String name, double fallback) {
        return parse(name, Double.toString(fallback), Double::parseDouble);
    }

    boolean bool(String name, boolean fallback) {
        return parse(name, Boolean.toString(fallback), v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("expected true or false");
            }
            return Boolean.parseBoolean(v);
        });
    }
}
