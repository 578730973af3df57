package io.regretless.topology.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What is wrong with a whole properties file, Kafka settings and {@code regretless.*} ones alike,
 * found without connecting to anything: every error (the application must not start) and every
 * warning (it may, but probably not as meant), each naming its setting.
 *
 * @param errors   unknown or bad {@code regretless.*} settings, bad values of Kafka settings, missing required ones
 * @param warnings unknown Kafka settings, Kafka values that seem to carry a comment
 * @param config   the application's configuration when there are no errors, else null
 */
public record ConfigReport(List<ConfigProblem> errors, List<ConfigProblem> warnings, RegretlessConfig config) {

    public ConfigReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (errors.isEmpty() == (config == null)) {
            throw new IllegalArgumentException("a configuration exactly when there are no errors");
        }
    }

    /** Checks every property of {@code props}. */
    public static ConfigReport check(Properties props) {
        List<ConfigProblem> errors = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        RegretlessConfig config = RegretlessConfig.read(props, errors);
        KafkaSettings.check(props, errors, warnings);
        return new ConfigReport(errors, warnings, errors.isEmpty() ? config : null);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
