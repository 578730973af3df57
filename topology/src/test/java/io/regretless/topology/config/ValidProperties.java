package io.regretless.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;

/** A configuration with every kind of model, valid as it stands; tests break one thing at a time. */
final class ValidProperties {
    private ValidProperties() {
    }

    static Properties all() {
        Properties props = new Properties();
        props.setProperty("application.id", "app");
        props.setProperty("bootstrap.servers", "broker:9092");
        props.setProperty("regretless.models", "checkout");
        props.setProperty("regretless.model.checkout.learner", "squarecb");
        props.setProperty("regretless.conformal.models", "temperature");
        props.setProperty("regretless.conformal.model.temperature.calibrator", "saocp");
        props.setProperty("regretless.experts.models", "claims,prices");
        props.setProperty("regretless.experts.model.claims.mode", "advice");
        props.setProperty("regretless.experts.model.claims.groups", "young,old");
        props.setProperty("regretless.experts.model.claims.experts", "gbm,glm");
        props.setProperty("regretless.experts.model.prices.mode", "features");
        props.setProperty("regretless.experts.model.prices.groups", "north,south");
        props.setProperty("regretless.experts.model.prices.dimension", "8");
        return props;
    }

    /** {@link #all()} with the given settings put over it (key, value, key, value, ...), checked. */
    static ConfigReport check(String... keyValues) {
        Properties props = all();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ConfigReport.check(props);
    }

    /** The message of a report's one error, after asserting it is the only one and no configuration was made. */
    static String onlyError(ConfigReport report) {
        assertEquals(1, report.errors().size(), report.errors().toString());
        assertNull(report.config());
        return report.errors().get(0).message();
    }

    /** The model id the tests use for a scope's settings; experts settings are tried on both experts models. */
    static String[] ids(Setting.Scope scope) {
        return switch (scope) {
            case APPLICATION -> new String[] {null};
            case BANDIT -> new String[] {"checkout"};
            case CONFORMAL -> new String[] {"temperature"};
            case EXPERTS -> new String[] {"claims", "prices"};
        };
    }
}
