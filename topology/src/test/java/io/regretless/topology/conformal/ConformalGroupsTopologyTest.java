package io.regretless.topology.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.state.KeyValueStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.regretless.codec.ConformalSeriesCodec;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.ConformalSeries;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.GroupCoverage;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.metrics.Counters;

/**
 * Groups through the conformal topology: a request's groups set its interval's radius, wait with the prediction
 * and are learned with its label; the evaluation reports each of them; bad groups are dead letters naming the field,
 * and a series never holds more groups than its state bound allows.
 */
class ConformalGroupsTopologyTest {
    static final AvroCodec<PredictionRequest> REQUESTS = AvroCodec.of(PredictionRequest.class);
    static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    static final WireCodec<PredictionInterval> INTERVALS = WireCodec.of(PredictionInterval.class);
    static final WireCodec<ConformalEvaluation> EVALUATIONS = WireCodec.of(ConformalEvaluation.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final List<String> KNOWN = List.of("winter", "summer", "rain", "sun");

    ConformalDriver d;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "c");
        props.put("regretless.state.store.type", "in-memory");
        props.put("regretless.conformal.models", "open,closed");
        props.put("regretless.conformal.model.open.calibrator", "multivalid");
        props.put("regretless.conformal.model.open.warmup", "3");
        props.put("regretless.conformal.model.closed.calibrator", "multivalid");
        props.put("regretless.conformal.model.closed.warmup", "3");
        props.put("regretless.conformal.model.closed.groups", String.join(",", KNOWN));
        d = new ConformalDriver(props, "conformal-groups-test");
    }

    @AfterEach
    void stop() {
        d.close();
    }

    void request(String id, String model, double yhat, long time, List<String> groups) {
        d.requests.pipeInput(model.getBytes(StandardCharsets.UTF_8),
            REQUESTS.encode(new PredictionRequest(id, model, yhat, time, null, groups)), time);
    }

    void label(String id, String model, double y, long time) {
        d.labels.pipeInput(model.getBytes(StandardCharsets.UTF_8), LABELS.encode(new Label(id, model, y, time)), time);
    }

    /** A prediction waiting for its label, as the test issued it. */
    private record Waiting(String id, double yhat, double y, double radius, List<String> groups) {
    }

    @Test
    void groupsSetTheRadiusWaitWithThePredictionAndAreReportedWithItsLabel() {
        ConformalSeries reference = ConformalSeries.create(CalibratorKind.MULTIVALID, CalibratorConfig.of(0.9), 3, 100);
        SplittableRandom random = new SplittableRandom(17);
        List<List<String>> families = List.of(List.of("winter", "rain"), List.of("summer", "sun"), List.of("rain"),
            List.of());
        List<Waiting> waiting = new ArrayList<>();
        int scored = 0;
        for (int t = 0; t < 400; t++) {
            List<String> groups = families.get(t % families.size());
            double yhat = random.nextDouble();
            double y = yhat + random.nextGaussian() * (groups.contains("winter") ? 0.3 : 0.1);
            request("p" + t, "closed", yhat, 2L * t, groups);
            PredictionInterval interval = INTERVALS.decode(d.intervals.readValue());
            double r = reference.radius(groups);
            if (Double.isFinite(r)) {
                assertEquals(yhat - r, interval.getLower());
                assertEquals(yhat + r, interval.getUpper());
            } else {
                assertEquals(null, interval.getLower());
            }
            waiting.add(new Waiting("p" + t, yhat, y, r, groups));
            if (t % 5 == 4) {
                // labels come late and last first: each is learned with its own prediction's interval and groups
                for (int k = waiting.size() - 1; k >= 0; k--) {
                    Waiting w = waiting.get(k);
                    label(w.id(), "closed", w.y(), 2L * t + 1);
                    Boolean hit = reference.observe(w.yhat(), w.yhat() - w.radius(), w.yhat() + w.radius(), w.y(),
                        w.groups());
                    if (hit == null) {
                        assertTrue(d.evaluation.isEmpty(), "warm-up labels are not scored");
                        continue;
                    }
                    ConformalEvaluation e = EVALUATIONS.decode(d.evaluation.readValue());
                    assertEquals(hit, e.getCovered());
                    assertEquals(w.groups(), e.getGroups().stream().map(GroupCoverage::getGroup).toList());
                    for (GroupCoverage g : e.getGroups()) {
                        io.regretless.conformal.metrics.GroupCoverage.Figure f =
                            reference.evaluator().groupCoverage(g.getGroup());
                        assertEquals(f.scored(), (long) g.getLabels());
                        assertEquals(f.coverage(), g.getCoverage());
                    }
                    scored++;
                }
                waiting.clear();
            }
        }
        assertTrue(d.deadLetters.isEmpty());
        assertEquals(397, scored);
        ConformalSeries stored = stored("closed");
        assertEquals(List.of("winter", "rain", "summer", "sun"), stored.groups(), "accepted in order of first request");
        for (String g : KNOWN) {
            io.regretless.conformal.metrics.GroupCoverage.Figure actual = stored.evaluator().groupCoverage(g);
            assertEquals(reference.evaluator().groupCoverage(g), actual, g);
            assertEquals(actual.coverage(), gauge("interval-group-coverage", "closed", g), g);
        }
    }

    @Test
    void badGroupsAreDeadLettersNamingTheField() {
        List<String> tooMany = new ArrayList<>();
        for (int g = 0; g <= ConformalSeries.MAX_GROUPS; g++) {
            tooMany.add("g" + g);
        }
        request("many", "open", 0.5, 1, tooMany);
        request("empty", "open", 0.5, 1, List.of("rain", ""));
        request("long", "open", 0.5, 1, List.of("x".repeat(ConformalSeries.MAX_GROUP_NAME_BYTES + 1)));
        request("long-utf8", "open", 0.5, 1, List.of("é".repeat(ConformalSeries.MAX_GROUP_NAME_BYTES / 2 + 1)));
        request("twice", "open", 0.5, 1, List.of("rain", "sun", "rain"));
        request("unknown", "closed", 0.5, 1, List.of("winter", "autumn"));
        List<String> details = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (byte[] v : d.deadLetters.readValuesToList()) {
            DeadLetter d = DEAD.decode(v);
            reasons.add(d.getReason());
            details.add(d.getDetail());
        }
        assertEquals(List.of("INVALID_RECORD", "INVALID_RECORD", "INVALID_RECORD", "INVALID_RECORD", "INVALID_RECORD",
            "UNKNOWN_GROUP"), reasons, details.toString());
        assertTrue(details.get(0).startsWith("/groups: 65 groups, at most 64"), details.get(0));
        assertTrue(details.get(1).startsWith("/groups/1: "), details.get(1));
        assertTrue(details.get(2).startsWith("/groups/0: ") && details.get(2).contains("129 UTF-8 bytes"), details.get(2));
        assertTrue(details.get(3).startsWith("/groups/0: ") && details.get(3).contains("130 UTF-8 bytes"), details.get(3));
        assertTrue(details.get(2).length() < 200, "a long name is not copied whole: " + details.get(2));
        assertTrue(details.get(4).startsWith("/groups/2: group 'rain' is listed twice"), details.get(4));
        assertTrue(details.get(5).startsWith("/groups/1: group 'autumn' is not configured for conformal model 'closed'"),
            details.get(5));
        assertTrue(d.intervals.isEmpty(), "no refused request gets an interval");
        for (String id : List.of("many", "empty", "long", "long-utf8", "twice", "unknown")) {
            label(id, id.equals("unknown") ? "closed" : "open", 0.5, 2);
            assertEquals("UNKNOWN_REQUEST", DEAD.decode(d.deadLetters.readValue()).getReason(), "nothing waits for " + id);
        }
        assertTrue(d.driver.metrics().entrySet().stream().anyMatch(m -> m.getKey().name().equals("dead-letters-total")
            && "UNKNOWN_GROUP".equals(m.getKey().tags().get("reason"))));
    }

    @Test
    void aSeriesAcceptsNoMoreGroupsThanItsStateHoldsEvenWhileLabelsAreOutstanding() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int g = 0; g < ConformalSeries.MAX_GROUPS - 2; g++) {
            first.add("a" + g);
        }
        second.addAll(List.of("b0", "b1"));
        request("first", "open", 0.5, 1, first);
        request("second", "open", 0.5, 1, second);
        request("third", "open", 0.5, 1, List.of("a0", "c0"));
        DeadLetter refused = DEAD.decode(d.deadLetters.readValue());
        assertEquals("INVALID_RECORD", refused.getReason());
        assertTrue(refused.getDetail().startsWith("/groups: conformal model 'open' already holds 64 groups and 1 more "
            + "would exceed 64; list its groups in regretless.conformal.model.open.groups"), refused.getDetail());
        assertTrue(d.deadLetters.isEmpty());
        assertEquals(2, d.intervals.readValuesToList().size(), "the first two were accepted before any label came");
        request("known", "open", 0.5, 1, List.of("b1", "a7"));
        assertEquals(1, d.intervals.readValuesToList().size(), "accepted groups are always welcome");
        List<String> held = stored("open").groups();
        assertEquals(ConformalSeries.MAX_GROUPS, held.size());
        assertEquals(List.of("b0", "b1"), held.subList(held.size() - 2, held.size()));
        for (String id : List.of("first", "second", "known")) {
            label(id, "open", 0.5, 2);
        }
        label("x", "open", 0.5, 2);
        assertEquals("UNKNOWN_REQUEST", DEAD.decode(d.deadLetters.readValue()).getReason());
        assertTrue(d.deadLetters.isEmpty(), "every accepted prediction was learned");
        assertEquals(3, stored("open").version());
    }

    @Test
    void jsonRequestsNameTheirGroupsAndOmitThem() {
        d.requests.pipeInput("closed".getBytes(StandardCharsets.UTF_8), """
            {"id": "j1", "modelId": "closed", "prediction": 0.5, "groups": ["winter", "rain"]}""".getBytes(StandardCharsets.UTF_8), 1);
        d.requests.pipeInput("closed".getBytes(StandardCharsets.UTF_8), """
            {"id": "j2", "modelId": "closed", "prediction": 0.5}""".getBytes(StandardCharsets.UTF_8), 1);
        d.requests.pipeInput("closed".getBytes(StandardCharsets.UTF_8), """
            {"id": "j3", "modelId": "closed", "prediction": 0.5, "groups": "winter"}""".getBytes(StandardCharsets.UTF_8), 1);
        assertEquals(2, d.intervals.readValuesToList().size());
        DeadLetter refused = DEAD.decode(d.deadLetters.readValue());
        assertEquals("INVALID_RECORD", refused.getReason());
        assertTrue(refused.getDetail().contains("/groups"), refused.getDetail());
        assertEquals(List.of("winter", "rain"), stored("closed").groups());
    }

    private ConformalSeries stored(String model) {
        KeyValueStore<String, byte[]> store = d.driver.getKeyValueStore(ConformalTopology.calibratorStoreName());
        var c = d.config.conformal().get(model);
        return ConformalSeriesCodec.decode(store.get(model), c.calibrator(), c.calibration(), c.warmup(), c.lceWindow());
    }

    private double gauge(String name, String model, String group) {
        for (Map.Entry<MetricName, ? extends Metric> m : d.driver.metrics().entrySet()) {
            MetricName n = m.getKey();
            if (n.group().equals(Counters.GROUP) && n.name().equals(name) && model.equals(n.tags().get("model"))
                && group.equals(n.tags().get("group"))) {
                return (Double) m.getValue().metricValue();
            }
        }
        throw new AssertionError("no gauge " + name + " for " + model + "/" + group + " among "
            + Collections.unmodifiableSet(d.driver.metrics().keySet()));
    }
}
