package io.regretless.topology.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.codec.ExpertsModelCodec;
import io.regretless.experts.ExpertsModel.GroupStanding;
import io.regretless.experts.ExpertsModel.Play;
import io.regretless.experts.ExpertsModel;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.schemas.Advice;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.ExpertAdvice;
import io.regretless.schemas.ExpertWeight;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Label;
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.metrics.Counters;

/**
 * Sleeping experts on {@link TopologyTestDriver}: combined predictions and learning exactly as the
 * in-process model, asleep experts untouched, delayed labels scored with the weights that were
 * played, per-group evaluation, expiry, snapshots and every dead-letter reason.
 */
class ExpertsTopologyTest {
    static final long LABEL_WINDOW = 10_000;
    static final List<String> EXPERTS = List.of("e0", "e1", "e2", "e3");
    static final List<String> GROUPS = List.of("young", "old", "north");
    static final AvroCodec<Advice> ADVICE = AvroCodec.of(Advice.class);
    static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    static final WireCodec<CombinedPrediction> COMBINED = WireCodec.of(CombinedPrediction.class);
    static final WireCodec<ExpertsEvaluation> EVALUATIONS = WireCodec.of(ExpertsEvaluation.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final WireCodec<ModelSnapshot> SNAPSHOTS = WireCodec.of(ModelSnapshot.class);

    @TempDir
    Path stateDir;

    ExpertsDriver d;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "x");
        props.put("regretless.state.store.type", "in-memory");
        props.put("regretless.publish.interval.ms", "1000");
        props.put("regretless.experts.models", "adv,feat");
        props.put("regretless.experts.model.adv.mode", "advice");
        props.put("regretless.experts.model.adv.groups", String.join(",", GROUPS));
        props.put("regretless.experts.model.adv.experts", String.join(",", EXPERTS));
        props.put("regretless.experts.model.adv.label.window.ms", Long.toString(LABEL_WINDOW));
        props.put("regretless.experts.model.feat.mode", "features");
        props.put("regretless.experts.model.feat.groups", "a,b,c");
        props.put("regretless.experts.model.feat.dimension", "3");
        props.put("regretless.experts.model.feat.loss", "absolute");
        props.put("regretless.experts.model.feat.label.low", "-1");
        props.put("regretless.experts.model.feat.label.high", "2");
        props.put("regretless.experts.model.feat.shrinkage", "10");
        d = new ExpertsDriver(props, "experts-test", stateDir);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    static Advice adviceCase(String id, List<String> groups, Map<String, Double> predictions, long time) {
        List<ExpertAdvice> given = new ArrayList<>();
        predictions.forEach((e, p) -> given.add(new ExpertAdvice(e, p)));
        return new Advice(id, "adv", time, groups, given, List.of());
    }

    static Advice featuresCase(String id, List<String> groups, List<Double> x, long time) {
        return new Advice(id, "feat", time, groups, List.of(), x);
    }

    CombinedPrediction send(Advice a, long time) {
        d.advice.pipeInput(a.getModelId().getBytes(), ADVICE.encode(a), time);
        return d.combined.isEmpty() ? null : COMBINED.decode(d.combined.readValue());
    }

    void label(String id, String model, double y, long time) {
        d.labels.pipeInput(model.getBytes(), LABELS.encode(new Label(id, model, y, time)), time);
    }

    ExpertsModel stored(String model) {
        KeyValueStore<String, byte[]> store = d.driver.getKeyValueStore(ExpertsTopology.expertsStoreName());
        return ExpertsModelCodec.decode(store.get(model), d.config.experts().get(model).shape());
    }

    @Test
    void adviceIsCombinedAndLearnedExactlyAsInProcessAndAsleepExpertsKeepTheirWeights() {
        ExpertsModel reference = ExpertsModel.create(d.config.experts().get("adv").shape());
        SplittableRandom random = new SplittableRandom(17);
        double lastRegret = Double.NaN;
        for (int t = 0; t < 80; t++) {
            int[] awake = t % 3 == 0 ? new int[] {0, 2} : new int[] {3, 1, 2};
            Map<String, Double> given = new LinkedHashMap<>();
            double[] predictions = new double[awake.length];
            for (int k = 0; k < awake.length; k++) {
                predictions[k] = awake[k] == 2 ? 0.6 : random.nextDouble();
                given.put(EXPERTS.get(awake[k]), predictions[k]);
            }
            int[] groups = t % 2 == 0 ? new int[] {0, 2} : new int[] {1};
            List<String> groupNames = new ArrayList<>();
            for (int g : groups) {
                groupNames.add(GROUPS.get(g));
            }
            CombinedPrediction c = send(adviceCase("a" + t, groupNames, given, 2L * t), 2L * t);
            Play play = reference.play(awake, predictions);
            assertEquals(play.prediction(), c.getPrediction());
            assertEquals(reference.version(), c.getVersion());
            assertEquals(awake.length, c.getWeights().size());
            for (int k = 0; k < awake.length; k++) {
                assertEquals(new ExpertWeight(EXPERTS.get(awake[k]), play.weights()[k]), c.getWeights().get(k));
            }
            double y = 0.6 + 0.05 * random.nextGaussian();
            double[] asleepBefore = hedgeRegrets(reference);
            List<GroupStanding> expected = reference.learn(awake, predictions, play.weights(), groups, play.prediction(), y);
            label("a" + t, "adv", y, 2L * t + 1);
            List<ExpertsEvaluation> published = readEvaluations();
            assertEquals(expected.size(), published.size());
            for (int k = 0; k < expected.size(); k++) {
                GroupStanding s = expected.get(k);
                ExpertsEvaluation e = published.get(k);
                assertEquals(k < groups.length ? GROUPS.get(groups[k]) : "always-on", e.getGroup());
                assertEquals(s.rounds(), e.getRounds());
                assertEquals(s.algorithmLoss(), e.getAlgorithmLoss());
                assertEquals(s.hindsightLoss(), e.getHindsightLoss());
                assertEquals(s.regret(), e.getRegret());
                assertEquals(2L * t + 1, e.getTimestamp());
            }
            double[] after = hedgeRegrets(stored("adv"));
            assertArrayEquals(hedgeRegrets(reference), after);
            for (int i = 0; i < EXPERTS.size(); i++) {
                if (!contains(awake, i)) {
                    assertEquals(asleepBefore[i], after[i], "asleep expert " + i + " at round " + t);
                }
            }
            lastRegret = published.get(published.size() - 1).getRegret();
        }
        assertTrue(stored("adv").hedgeRegret(2) > 0, "the accurate expert gained");
        assertTrue(d.deadLetters.isEmpty());
        assertEquals(80L, stored("adv").version());
        assertEquals(lastRegret, gauge("group-regret", "adv", "always-on"));
    }

    @Test
    void delayedLabelsAreLearnedWithTheWeightsThatWerePlayed() {
        ExpertsModel reference = ExpertsModel.create(d.config.experts().get("adv").shape());
        int[] awake = {0, 1};
        double[][] predictions = {{0.1, 0.9}, {0.2, 0.8}, {0.3, 0.7}};
        List<Play> plays = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            CombinedPrediction c = send(adviceCase("d" + t, List.of(), ordered("e0", predictions[t][0], "e1",
                predictions[t][1]), t), t);
            plays.add(reference.play(awake, predictions[t]));
            assertEquals(0L, c.getVersion());
        }
        for (int t = 2; t >= 0; t--) {
            reference.learn(awake, predictions[t], plays.get(t).weights(), new int[] {}, plays.get(t).prediction(), 1.0);
            label("d" + t, "adv", 1.0, 10 + t);
        }
        assertEquals(3, readEvaluations().size(), "three labels, each counted in the always-on group");
        assertArrayEquals(ExpertsModelCodec.encode(reference, "adv"), ExpertsModelCodec.encode(stored("adv"), "adv"));
    }

    @Test
    void featuresCasesAreCombinedFromTheGroupsRegressions() {
        ExpertsModel reference = ExpertsModel.create(d.config.experts().get("feat").shape());
        SplittableRandom random = new SplittableRandom(5);
        for (int t = 0; t < 50; t++) {
            double[] x = {random.nextDouble(), random.nextDouble(), 1.0};
            int[] groups = t % 2 == 0 ? new int[] {2, 0} : new int[] {1};
            List<String> names = new ArrayList<>();
            for (int g : groups) {
                names.add(List.of("a", "b", "c").get(g));
            }
            CombinedPrediction c = send(featuresCase("f" + t, names, List.of(x[0], x[1], x[2]), t), t);
            Play play = reference.play(x, groups);
            assertEquals(play.prediction(), c.getPrediction());
            List<String> weightNames = c.getWeights().stream().map(ExpertWeight::getExpert).toList();
            List<String> expectedNames = new ArrayList<>(names);
            expectedNames.add("always-on");
            assertEquals(expectedNames, weightNames);
            double y = 3 * x[0] - (groups[0] == 1 ? 2 * x[1] : 0);
            reference.learn(x, groups, play.prediction(), y);
            label("f" + t, "feat", y, t);
            List<ExpertsEvaluation> published = readEvaluations();
            assertEquals(groups.length + 1, published.size());
            ExpertsEvaluation all = published.get(groups.length);
            assertEquals(reference.standing(3).regret(), all.getRegret());
            assertEquals(t + 1L, all.getRounds());
        }
        ExpertsModel model = stored("feat");
        assertEquals(50L, model.observations(3));
        assertEquals(25L, model.observations(1));
        assertEquals(25L, model.observations(0));
        assertTrue(d.deadLetters.isEmpty());
    }

    @Test
    void aCaseWithoutLabelExpiresUnlearnedAndSnapshotsArePublished() {
        send(adviceCase("lost", List.of("old"), ordered("e1", 0.5), 0), 0);
        send(adviceCase("tick", List.of(), ordered("e1", 0.5), LABEL_WINDOW + 2_000), LABEL_WINDOW + 2_000);
        label("lost", "adv", 0.4, LABEL_WINDOW + 2_000);
        assertEquals("LATE_LABEL", DEAD.decode(d.deadLetters.readValue()).getReason());
        label("tick", "adv", 0.4, LABEL_WINDOW + 2_001);
        assertTrue(d.deadLetters.isEmpty());
        assertEquals(1, readEvaluations().size(), "only 'tick' was learned: always-on");
        assertEquals(1L, send(adviceCase("next", List.of(), ordered("e1", 0.5), LABEL_WINDOW + 2_002),
            LABEL_WINDOW + 2_002).getVersion());
        d.driver.advanceWallClockTime(Duration.ofSeconds(2));
        ModelSnapshot snapshot = SNAPSHOTS.decode(d.snapshots.readValue());
        assertEquals("adv", snapshot.getModelId());
        assertEquals("experts", snapshot.getKind());
        assertEquals(1L, snapshot.getVersion());
        assertEquals(1L, ExpertsModelCodec.version(snapshot.getState().array()));
    }

    @Test
    void everyBadRecordGoesToDeadLettersWithItsReason() {
        d.advice.pipeInput("adv".getBytes(), new byte[] {9, 9}, 1);
        d.labels.pipeInput("adv".getBytes(), new byte[] {9}, 1);
        send(new Advice("who", "nobody", 1L, List.of(), List.of(new ExpertAdvice("e0", 0.5)), List.of()), 1);
        send(adviceCase("g", List.of("martian"), ordered("e0", 0.5), 1), 1);
        send(adviceCase("e", List.of(), ordered("e9", 0.5), 1), 1);
        send(adviceCase("gg", List.of("old", "old"), ordered("e0", 0.5), 1), 1);
        send(new Advice("ee", "adv", 1L, List.of(), List.of(new ExpertAdvice("e0", 0.5), new ExpertAdvice("e0", 0.4)),
            List.of()), 1);
        send(adviceCase("none", List.of(), ordered(), 1), 1);
        send(new Advice("mixed", "adv", 1L, List.of(), List.of(new ExpertAdvice("e0", 0.5)), List.of(1.0)), 1);
        send(adviceCase("", List.of(), ordered("e0", 0.5), 1), 1);
        send(adviceCase("nan", List.of(), ordered("e0", Double.NaN), 1), 1);
        send(featuresCase("long", List.of(), List.of(1.0, 2.0, 3.0, 4.0), 1), 1);
        send(featuresCase("short", List.of(), List.of(1.0, 2.0), 1), 1);
        send(featuresCase("inf", List.of(), List.of(1.0, Double.POSITIVE_INFINITY, 3.0), 1), 1);
        send(new Advice("adv-in-feat", "feat", 1L, List.of(), List.of(new ExpertAdvice("e0", 0.5)), List.of(1.0, 2.0, 3.0)), 1);
        assertEquals("ok", send(adviceCase("ok", List.of("young"), ordered("e0", 0.5), 1), 1).getId());
        send(adviceCase("ok", List.of("young"), ordered("e0", 0.5), 1), 1);
        label("never", "adv", 0.5, 2);
        label("ok", "adv", Double.NaN, 2);
        label("ok", "feat", 0.5, 2);
        label("ok", "nobody", 0.5, 2);
        label("ok", "adv", 0.5, 2);
        label("ok", "adv", 0.5, 3);
        List<String> reasons = new ArrayList<>();
        d.deadLetters.readValuesToList().forEach(v -> reasons.add(DEAD.decode(v).getReason()));
        assertEquals(List.of("UNREADABLE", "UNREADABLE", "UNKNOWN_MODEL", "UNKNOWN_GROUP", "UNKNOWN_EXPERT",
            "INVALID_RECORD", "INVALID_RECORD", "INVALID_RECORD", "INVALID_RECORD", "INVALID_RECORD",
            "NON_FINITE_NUMBER", "TOO_MANY_FEATURES", "INVALID_RECORD", "NON_FINITE_NUMBER", "INVALID_RECORD",
            "DUPLICATE_REQUEST", "UNKNOWN_REQUEST", "NON_FINITE_NUMBER", "INVALID_RECORD", "UNKNOWN_MODEL",
            "DUPLICATE_LABEL"), reasons);
        assertTrue(d.combined.isEmpty(), "only 'ok' was combined");
        assertEquals(2, readEvaluations().size(), "'ok' learned once: young and always-on");
        assertTrue(d.driver.metrics().entrySet().stream().anyMatch(m -> m.getKey().name().equals("dead-letters-total")
            && "UNKNOWN_GROUP".equals(m.getKey().tags().get("reason"))));
    }

    @Test
    void configurationMistakesAreNamed() {
        Properties props = new Properties();
        props.put("regretless.experts.models", "m");
        props.put("regretless.experts.model.m.mode", "features");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertTrue(e.getMessage().contains("regretless.experts.model.m.dimension"), e.getMessage());
        props.put("regretless.experts.model.m.dimension", "400");
        props.put("regretless.experts.model.m.groups", "a,b");
        e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertTrue(e.getMessage().contains("max.state.bytes"), e.getMessage());
        props.put("regretless.experts.model.m.dimension", "4");
        props.put("regretless.experts.model.m.groups", "a,always-on");
        e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertTrue(e.getMessage().contains("always-on"), e.getMessage());
        props.put("regretless.experts.model.m.groups", "a,b");
        props.put("regretless.experts.model.m.experts", "x");
        e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertTrue(e.getMessage().contains("regretless.experts.model.m.experts"), e.getMessage());
        props.remove("regretless.experts.model.m.experts");
        assertEquals(4, RegretlessConfig.fromProperties(props).experts().get("m").dimension());
        assertEquals(GroupwiseRidge.DEFAULT_SHRINKAGE, RegretlessConfig.fromProperties(props).experts().get("m").shrinkage());
        props.put("regretless.experts.model.m.shrinkage", "25");
        assertEquals(25.0, RegretlessConfig.fromProperties(props).experts().get("m").shape().shrinkage());
        props.put("regretless.experts.model.m.shrinkage", "0");
        e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertTrue(e.getMessage().contains("shrinkage"), e.getMessage());
        props.put("regretless.experts.model.m.mode", "advice");
        props.put("regretless.experts.model.m.experts", "x");
        props.remove("regretless.experts.model.m.dimension");
        props.put("regretless.experts.model.m.shrinkage", "25");
        e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertTrue(e.getMessage().contains("regretless.experts.model.m.shrinkage"), e.getMessage());
    }

    List<ExpertsEvaluation> readEvaluations() {
        List<ExpertsEvaluation> out = new ArrayList<>();
        d.evaluation.readValuesToList().forEach(v -> out.add(EVALUATIONS.decode(v)));
        return out;
    }

    static Map<String, Double> ordered(Object... expertThenPrediction) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < expertThenPrediction.length; i += 2) {
            map.put((String) expertThenPrediction[i], (Double) expertThenPrediction[i + 1]);
        }
        return map;
    }

    static double[] hedgeRegrets(ExpertsModel model) {
        double[] r = new double[EXPERTS.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = model.hedgeRegret(i);
        }
        return r;
    }

    static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    double gauge(String name, String model, String group) {
        for (Map.Entry<MetricName, ? extends Metric> m : d.driver.metrics().entrySet()) {
            MetricName n = m.getKey();
            if (n.group().equals(Counters.GROUP) && n.name().equals(name) && model.equals(n.tags().get("model"))
                && group.equals(n.tags().get("group"))) {
                return (Double) m.getValue().metricValue();
            }
        }
        throw new AssertionError("no gauge " + name + " for " + model + "/" + group);
    }
}
