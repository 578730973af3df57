package io.regretless.ops.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in ops/app/grafana parses and queries only metrics the application exports. */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of("grafana", "regretless-dashboard.json");
    /** App counters that exist only once their event happened (a default reward, a dead letter, ...). */
    static final Set<String> CONDITIONAL = Set.of("kafka_regretless_default_rewards_total",
        "kafka_regretless_dead_letters_total", "kafka_regretless_labels_missing_total",
        "kafka_regretless_expert_labels_missing_total", "kafka_regretless_group_regret",
        "kafka_regretless_interval_local_coverage_error", "kafka_regretless_interval_group_coverage");
    private static final Pattern METRIC = Pattern.compile("\\b(kafka_(?:regretless|stream)_[a-z_]+)\\b");

    static List<String> expressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                exprs.add(target.get("expr").asText());
            }
        }
        return exprs;
    }

    static Set<String> metricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void dashboardParsesAndEveryPanelQueriesSomething() throws IOException {
        List<String> exprs = expressions();
        assertFalse(exprs.isEmpty());
        exprs.forEach(e -> assertFalse(e.isBlank()));
        assertTrue(metricNames().size() >= 10, "the dashboard covers the app's metrics: " + metricNames());
    }

    /** Called with a live scrape by the run-command integration test. */
    static void assertDashboardMetricsExist(String scrape) throws IOException {
        for (String name : metricNames()) {
            if (!CONDITIONAL.contains(name)) {
                assertTrue(Pattern.compile("(?m)^" + name + "[{ ]").matcher(scrape).find(),
                    "the dashboard queries " + name + " but the app does not export it");
            }
        }
    }
}
