package io.regretless.topology.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.conformal.Calibrator;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.Calibrators;
import io.regretless.conformal.metrics.IntervalEvaluator;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.GroupCoverage;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;

/**
 * The Seattle example of group-conditional coverage (issue 13, item 4) through the topology: daily maximum
 * temperature, min-max scaled, naive forecaster (ŷ_t = y_{t−1}); train = ⌊0.2·N⌋, its last ⌈0.2·train⌉ steps are
 * the series' warm-up labels, every later day is scored; each prediction request names the day's season (winter
 * Dec–Feb, spring, summer, fall) and weather (sun, rain, or other = fog, drizzle, snow): the protocol and groups of
 * {@code MultivalidCalibratorTest}. A {@code multivalid} series covers every group within 0.02 of the target, read
 * from the evaluation topic, and every interval, covered flag and group figure equals, bit for bit, the in-process
 * run of the calibrator with the same groups.
 */
class MultivalidSeattleTopologyTest {
    static final AvroCodec<PredictionRequest> REQUESTS = AvroCodec.of(PredictionRequest.class);
    static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    static final WireCodec<PredictionInterval> INTERVALS = WireCodec.of(PredictionInterval.class);
    static final WireCodec<ConformalEvaluation> EVALUATIONS = WireCodec.of(ConformalEvaluation.class);
    static final String SERIES = "seattle";
    static final long DAY = 86_400_000L;
    static final List<String> GROUPS = List.of("season:winter", "season:spring", "season:summer", "season:fall",
        "weather:sun", "weather:rain", "weather:other");

    @ParameterizedTest(name = "target {0}")
    @ValueSource(doubles = {0.8, 0.9, 0.95})
    void everyGroupIsCoveredWithinTwoPointsThroughTheTopologyAsInProcess(double target) throws IOException {
        Seattle seattle = Seattle.read();
        double[] y = seattle.y;
        int train = (int) (0.2 * y.length);
        int calibration = Calibrators.calibrationSize(train);

        Calibrator reference = Calibrators.warmStartFromResiduals(CalibratorKind.MULTIVALID, CalibratorConfig.of(target),
            Calibrators.removeOutliers(residuals(y, train - calibration, train)));
        IntervalEvaluator referenceEvaluation = new IntervalEvaluator(target, y.length, 100);

        Map<String, GroupCoverage> latest = new LinkedHashMap<>();
        int scored = 0;
        try (ConformalDriver d = driver(target, calibration)) {
            TestInputTopic<byte[], byte[]> requests = d.requests;
            TestInputTopic<byte[], byte[]> labels = d.labels;
            TestOutputTopic<byte[], byte[]> intervals = d.intervals;
            TestOutputTopic<byte[], byte[]> evaluation = d.evaluation;
            TestOutputTopic<byte[], byte[]> deadLetters = d.deadLetters;
            for (int t = train - calibration; t < y.length; t++) {
                List<String> groups = seattle.groups.get(t);
                double yhat = y[t - 1];
                long time = t * DAY;
                requests.pipeInput(SERIES.getBytes(StandardCharsets.UTF_8),
                    REQUESTS.encode(new PredictionRequest("day-" + t, SERIES, yhat, time, null, groups)), time);
                PredictionInterval interval = INTERVALS.decode(intervals.readValue());
                labels.pipeInput(SERIES.getBytes(StandardCharsets.UTF_8),
                    LABELS.encode(new Label("day-" + t, SERIES, y[t], time + 1)), time + 1);
                if (t < train) {
                    assertTrue(evaluation.isEmpty(), "warm-up labels are not scored");
                    continue;
                }
                double r = reference.radius(groups);
                assertEquals(Double.doubleToRawLongBits(yhat - r), Double.doubleToRawLongBits(interval.getLower()), "day " + t);
                assertEquals(Double.doubleToRawLongBits(yhat + r), Double.doubleToRawLongBits(interval.getUpper()), "day " + t);
                boolean hit = referenceEvaluation.observe(y[t], yhat - r, yhat + r, groups);
                reference.update(Math.abs(y[t] - yhat), groups);

                ConformalEvaluation e = EVALUATIONS.decode(evaluation.readValue());
                assertEquals(hit, e.getCovered(), "day " + t);
                assertEquals(groups, e.getGroups().stream().map(GroupCoverage::getGroup).toList(), "day " + t);
                e.getGroups().forEach(g -> latest.put(g.getGroup(), g));
                scored++;
            }
            assertTrue(deadLetters.isEmpty());
        }

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
            "Seattle temp_max, naive, multivalid through the topology, target %.2f: %d scored days%n%-16s %6s %9s %9s%n",
            target, scored, "group", "days", "coverage", "-target"));
        double worst = 0;
        for (String name : GROUPS) {
            io.regretless.conformal.metrics.GroupCoverage.Figure f = referenceEvaluation.groupCoverage(name);
            GroupCoverage g = latest.get(name);
            assertNotNull(g, name);
            table.append(String.format(Locale.ROOT, "%-16s %6d %9.4f %+9.4f%n", g.getGroup(), g.getLabels(),
                g.getCoverage(), g.getCoverage() - target));
            assertEquals(f.scored(), (long) g.getLabels(), f.group());
            assertEquals(Double.doubleToRawLongBits(f.coverage()), Double.doubleToRawLongBits(g.getCoverage()), f.group());
            worst = Math.max(worst, Math.abs(g.getCoverage() - target));
        }
        table.append(String.format(Locale.ROOT, "worst |coverage - target| %.4f%n", worst));
        System.out.print(table);
        assertEquals(7, latest.size(), table.toString());
        assertEquals(y.length - train, scored);
        assertTrue(worst <= 0.02, table.toString());
    }

    private static ConformalDriver driver(double target, int warmup) {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "c");
        props.put("regretless.state.store.type", "in-memory");
        props.put("regretless.conformal.models", SERIES);
        props.put("regretless.conformal.model." + SERIES + ".calibrator", "multivalid");
        props.put("regretless.conformal.model." + SERIES + ".coverage", Double.toString(target));
        props.put("regretless.conformal.model." + SERIES + ".warmup", Integer.toString(warmup));
        props.put("regretless.conformal.model." + SERIES + ".groups", String.join(",", GROUPS));
        return new ConformalDriver(props, "multivalid-seattle");
    }

    private static double[] residuals(double[] y, int from, int to) {
        double[] r = new double[to - from];
        for (int t = from; t < to; t++) {
            r[t - from] = y[t] - y[t - 1];
        }
        return r;
    }

    /** data/series/seattle-weather.csv: temp_max min-max scaled, and each day's season and weather groups. */
    private record Seattle(double[] y, List<List<String>> groups) {
        static Seattle read() throws IOException {
            List<String> lines;
            try (InputStream stream = MultivalidSeattleTopologyTest.class.getResourceAsStream("/data/series/seattle-weather.csv")) {
                assertNotNull(stream, "/data/series/seattle-weather.csv is on the test class path");
                lines = new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            }
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int date = header.indexOf("date");
            int temp = header.indexOf("temp_max");
            int weather = header.indexOf("weather");
            double[] raw = new double[lines.size() - 1];
            List<List<String>> groups = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] row = lines.get(i).split(",", -1);
                raw[i - 1] = Double.parseDouble(row[temp]);
                groups.add(List.of("season:" + season(row[date]), "weather:" + weather(row[weather])));
            }
            double min = Arrays.stream(raw).min().orElseThrow();
            double max = Arrays.stream(raw).max().orElseThrow();
            double[] y = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                y[i] = (raw[i] - min) / (max - min);
            }
            return new Seattle(y, groups);
        }

        static String season(String isoDate) {
            return switch (Integer.parseInt(isoDate.substring(5, 7))) {
                case 12, 1, 2 -> "winter";
                case 3, 4, 5 -> "spring";
                case 6, 7, 8 -> "summer";
                default -> "fall";
            };
        }

        static String weather(String type) {
            return type.equals("sun") || type.equals("rain") ? type : "other";
        }
    }
}
