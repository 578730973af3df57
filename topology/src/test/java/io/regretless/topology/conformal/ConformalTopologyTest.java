package io.regretless.topology.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.streams.TopologyTestDriver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.ConformalSeries;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;

/** Conformal prediction on {@link TopologyTestDriver}: warm-up, intervals, labels, evaluation, dead letters. */
class ConformalTopologyTest {
    static final long LABEL_WINDOW = 10_000;
    static final AvroCodec<PredictionRequest> REQUESTS = AvroCodec.of(PredictionRequest.class);
    static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    static final WireCodec<PredictionInterval> INTERVALS = WireCodec.of(PredictionInterval.class);
    static final WireCodec<ConformalEvaluation> EVALUATIONS = WireCodec.of(ConformalEvaluation.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);

    ConformalDriver d;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "c");
        props.put("regretless.state.store.type", "in-memory");
        props.put("regretless.conformal.models", "s1,s2");
        props.put("regretless.conformal.model.s1.calibrator", "saocp");
        props.put("regretless.conformal.model.s1.warmup", "3");
        props.put("regretless.conformal.model.s1.lce.window", "5");
        props.put("regretless.conformal.model.s1.label.window.ms", Long.toString(LABEL_WINDOW));
        props.put("regretless.conformal.model.s2.calibrator", "aci");
        d = new ConformalDriver(props, "conformal-test");
    }

    @AfterEach
    void stop() {
        d.close();
    }

    PredictionInterval predict(String id, String model, double yhat, long time) {
        d.requests.pipeInput(model.getBytes(), REQUESTS.encode(new PredictionRequest(id, model, yhat, time, null, List.of())), time);
        return d.intervals.isEmpty() ? null : INTERVALS.decode(d.intervals.readValue());
    }

    void label(String id, String model, double y, long time) {
        d.labels.pipeInput(model.getBytes(), LABELS.encode(new Label(id, model, y, time)), time);
    }

    @Test
    void intervalsFollowTheCalibratorExactlyAsWithoutKafka() {
        ConformalSeries reference = ConformalSeries.create(CalibratorKind.SAOCP, CalibratorConfig.of(0.9), 3, 5);
        SplittableRandom random = new SplittableRandom(11);
        List<ConformalEvaluation> scored = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            double yhat = random.nextDouble();
            double y = yhat + random.nextGaussian() * (t < 30 ? 0.1 : 0.4);
            PredictionInterval interval = predict("p" + t, "s1", yhat, 2L * t);
            double radius = reference.radius();
            if (Double.isInfinite(radius)) {
                assertNull(interval.getLower());
                assertNull(interval.getUpper());
            } else {
                assertEquals(yhat - radius, interval.getLower());
                assertEquals(yhat + radius, interval.getUpper());
            }
            assertEquals("saocp", interval.getCalibrator());
            assertEquals(reference.version(), interval.getVersion());
            Boolean covered = reference.observe(yhat, yhat - radius, yhat + radius, y);
            label("p" + t, "s1", y, 2L * t + 1);
            if (covered == null) {
                assertTrue(d.evaluation.isEmpty(), "warm-up labels are not scored");
            } else {
                ConformalEvaluation e = EVALUATIONS.decode(d.evaluation.readValue());
                assertEquals(covered, e.getCovered());
                scored.add(e);
            }
        }
        assertEquals(57, scored.size());
        ConformalEvaluation last = scored.get(scored.size() - 1);
        assertEquals(57L, last.getLabels());
        assertEquals(reference.evaluator().coverage(), last.getCoverage());
        assertEquals(reference.evaluator().lce(5), last.getLocalCoverageError());
        assertEquals(reference.evaluator().medianHalfWidth(), last.getMedianHalfWidth());
        assertEquals(5, last.getWindow());
        assertNotNull(last.getWindowCoverage());
        assertTrue(d.deadLetters.isEmpty());
    }

    @Test
    void aPredictionWithoutLabelExpiresUnlearned() {
        predict("lost", "s1", 0.5, 0);
        predict("tick", "s1", 0.5, LABEL_WINDOW + 2_000);
        label("lost", "s1", 0.4, LABEL_WINDOW + 2_000);
        assertEquals("LATE_LABEL", DEAD.decode(d.deadLetters.readValue()).getReason());
        label("tick", "s1", 0.4, LABEL_WINDOW + 2_001);
        assertTrue(d.deadLetters.isEmpty());
        assertEquals(1L, predict("next", "s1", 0.5, LABEL_WINDOW + 2_002).getVersion(), "only 'tick' was learned");
    }

    @Test
    void everyBadRecordGoesToDeadLettersWithItsReason() {
        d.requests.pipeInput("s1".getBytes(), new byte[] {9, 9}, 1);
        d.labels.pipeInput("s1".getBytes(), new byte[] {9}, 1);
        predict("nan", "s1", Double.NaN, 1);
        predict("who", "nobody", 0.5, 1);
        d.requests.pipeInput("s1".getBytes(), REQUESTS.encode(new PredictionRequest("cov", "s1", 0.5, 1L, 0.8, List.of())), 1);
        predict("", "s1", 0.5, 1);
        predict("ok", "s1", 0.5, 1);
        predict("ok", "s1", 0.5, 1);
        label("never", "s1", 0.5, 2);
        label("ok", "s1", Double.POSITIVE_INFINITY, 2);
        label("ok", "s2", 0.5, 2);
        label("ok", "s1", 0.5, 2);
        label("ok", "s1", 0.5, 3);
        List<String> reasons = new ArrayList<>();
        d.deadLetters.readValuesToList().forEach(v -> reasons.add(DEAD.decode(v).getReason()));
        assertEquals(List.of("UNREADABLE", "UNREADABLE", "NON_FINITE_NUMBER", "UNKNOWN_MODEL", "INVALID_RECORD",
            "INVALID_RECORD", "DUPLICATE_REQUEST", "UNKNOWN_REQUEST", "NON_FINITE_NUMBER", "INVALID_RECORD",
            "DUPLICATE_LABEL"), reasons);
    }
}
