package io.regretless.ops.conformal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.KafkaBroker;
import io.regretless.ops.replay.CommittedOutputs;
import io.regretless.ops.replay.CommittedOutputs.Patience;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.replay.ReplayRun;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.Topics;

/**
 * Runs rows through the topology on a broker: one conformal model per row ({@link Cell#modelId()}),
 * configured as {@link InProcessRunner} configures its series, on fresh topics
 * {@code conformal-bench-<random>.*}.
 *
 * <p>The application is started on the empty topics first; once it runs, the whole replay is
 * produced in timestamp order: step i of every model is its prediction at {@code base + 2i} and its
 * label at {@code base + 2i + 1} (in a replay the label is known up front). With
 * {@code max.task.idle.ms} set, Kafka Streams processes a task's records in timestamp order across
 * the two input topics (a drained input partition is waited for), so each label updates the series
 * before the next prediction of its model is answered: the in-process order. After its last step
 * each model gets one more, never labelled, prediction, so that the requests partition does not
 * run dry before the labels partition (the last label would wait {@code max.task.idle.ms} for it);
 * its interval is ignored.
 *
 * <p>The run consumes intervals and evaluation records ({@code read_committed}) until every model's
 * intervals and scored labels have arrived, and computes each row's figures from them: covered
 * flags from the evaluation records, widths from the intervals of the scored steps. A dead letter
 * fails the run; an interval issued out of order (its version is not its step) is reported as an
 * inconsistency, and the figures would then differ from the in-process ones. Throughput is the
 * run's labels over the time from the first record sent to the last output consumed.
 * Topics, internal topics and local state are deleted afterwards.
 */
public final class KafkaRunner {
    /** How long (wall clock) a task waits for a drained input partition, so records are processed in timestamp order. */
    static final long MAX_TASK_IDLE_MS = 2_000;
    /** Far longer than a replay's stream time (2 ms per step), so no prediction closes unlabelled. */
    static final long LABEL_WINDOW_MS = Duration.ofHours(1).toMillis();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REPORTED = 20;

    private static final AvroCodec<PredictionRequest> REQUESTS = AvroCodec.of(PredictionRequest.class);
    private static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    private static final WireCodec<PredictionInterval> INTERVALS = WireCodec.of(PredictionInterval.class);
    private static final WireCodec<ConformalEvaluation> EVALUATIONS = WireCodec.of(ConformalEvaluation.class);
    private static final WireCodec<DeadLetter> DEAD_LETTERS = WireCodec.of(DeadLetter.class);

    private final KafkaBroker broker;
    private final ConformalOptions options;

    public KafkaRunner(KafkaBroker broker, ConformalOptions options) {
        this.broker = Objects.requireNonNull(broker);
        this.options = Objects.requireNonNull(options);
    }

    /**
     * Runs {@code cells} in one application.
     *
     * @param replays the replay of each row's series and forecaster
     * @throws IllegalStateException if the application does not start, an output is missing after
     *     {@link ConformalOptions#timeoutSeconds()}, or the topology dead-letters a record
     */
    public KafkaRun run(List<Cell> cells, Function<Cell, Replay> replays) throws InterruptedException {
        Map<String, Model> models = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (models.put(cell.modelId(), new Model(cell, replays.apply(cell))) != null) {
                throw new IllegalArgumentException("row " + cell.modelId() + " given twice");
            }
        }
        try (ReplayRun run = ReplayRun.open(broker.clientProperties(), "conformal-bench")) {
            Topics topics = new Topics(run.id());
            broker.createTopics(topics.conformalTopics(), options.partitions());
            return process(run, topics, cells, models);
        }
    }

    private KafkaRun process(ReplayRun run, Topics topics, List<Cell> cells, Map<String, Model> models)
            throws InterruptedException {
        try (RegretlessApp app = new RegretlessApp(appProperties(run, topics, models.values()))) {
            app.start(START_TIMEOUT);
            long base = System.currentTimeMillis();
            try (Outputs outputs = new Outputs(broker.clientProperties(), topics, models, base)) {
                long began = System.nanoTime();
                long labels = produce(topics, models.values(), base);
                return collect(topics, cells, models, app, outputs, labels, began);
            }
        }
    }

    private KafkaRun collect(Topics topics, List<Cell> cells, Map<String, Model> models, RegretlessApp app,
                             Outputs outputs, long labels, long began) {
        outputs.lastArrival = began;
        outputs.read.awaitUntil(() -> {
            KafkaStreams.State state = app.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped (" + state + ") with " + outputs.missing
                    + " interval and evaluation records missing");
            }
            return outputs.missing == 0;
        }, outputs::accept, Patience.deadline(Duration.ofSeconds(options.timeoutSeconds())),
            () -> outputs.missing + " interval and evaluation records are still missing on " + topics.prefix()
                + ".*; first incomplete model: " + outputs.firstIncomplete());
        Duration processing = Duration.ofNanos(Math.max(1, outputs.lastArrival - began));
        Map<String, CellRun> runs = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>(outputs.problems);
        for (Model m : models.values()) {
            CellRun run = m.toRun();
            runs.put(m.cell.modelId(), run);
            m.checkFinalEvaluation(run.metrics(), problems);
        }
        return new KafkaRun(List.copyOf(cells), runs, labels, outputs.intervals, outputs.evaluations, processing,
            problems.size() > MAX_REPORTED ? List.copyOf(problems.subList(0, MAX_REPORTED)) : List.copyOf(problems));
    }

    private long produce(Topics topics, Iterable<Model> models, long base) {
        long labels = 0;
        int longest = 0;
        for (Model m : models) {
            longest = Math.max(longest, m.replay.steps());
        }
        try (ReplayProducer producer = ReplayProducer.open(broker.clientProperties(), Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "10", ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024)))) {
            for (int i = 0; i <= longest; i++) {
                for (Model m : models) {
                    if (i > m.replay.steps()) {
                        continue;
                    }
                    String model = m.cell.modelId();
                    byte[] key = model.getBytes(StandardCharsets.UTF_8);
                    long predictedAt = base + 2L * i;
                    boolean last = i == m.replay.steps();
                    // After the last step, one more prediction (the series' next one) whose label is not known yet:
                    // it keeps the requests partition ahead of the labels partition, so the last label is processed
                    // without waiting max.task.idle.ms for more requests. Its interval is not part of the figures
                    // (the naive value is sent; it is never scored).
                    double prediction = last ? m.replay.y()[i - 1] : m.replay.yhat()[i];
                    PredictionRequest request = PredictionRequest.newBuilder().setId(id(model, i)).setModelId(model)
                        .setPrediction(prediction).setTimestamp(predictedAt)
                        .setTargetCoverage(m.cell.target()).build();
                    producer.send(topics.predictionRequests(), key, REQUESTS.encode(request), predictedAt);
                    if (last) {
                        continue;
                    }
                    Label label = Label.newBuilder().setId(id(model, i)).setModelId(model)
                        .setValue(m.replay.y()[i]).setTimestamp(predictedAt + 1).build();
                    producer.send(topics.labels(), key, LABELS.encode(label), predictedAt + 1);
                    labels++;
                }
            }
            producer.flush();
        }
        return labels;
    }

    private Properties appProperties(ReplayRun run, Topics topics, Iterable<Model> models) {
        Properties props = new Properties();
        props.putAll(broker.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, run.id());
        props.put(StreamsConfig.STATE_DIR_CONFIG, run.stateDir().toString());
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(MAX_TASK_IDLE_MS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(options.threads()));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(options.commitIntervalMs()));
        props.put("regretless.topic.prefix", topics.prefix());
        List<String> ids = new ArrayList<>();
        for (Model m : models) {
            String id = m.cell.modelId();
            ids.add(id);
            String p = "regretless.conformal.model." + id + ".";
            props.put(p + "calibrator", m.cell.calibrator().wireName());
            props.put(p + "coverage", Double.toString(m.cell.target()));
            props.put(p + "warmup", Integer.toString(m.replay.warmup()));
            props.put(p + "lce.window", Integer.toString(InProcessRunner.MODEL_LCE_WINDOW));
            props.put(p + "label.window.ms", Long.toString(LABEL_WINDOW_MS));
        }
        props.put("regretless.conformal.models", String.join(",", ids));
        return props;
    }

    static String id(String modelId, int step) {
        return modelId + "/" + step;
    }

    static int step(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('/') + 1));
    }

    /** One model's expected replay and the outputs received for it. */
    private static final class Model {
        final Cell cell;
        final Replay replay;
        final PredictionInterval[] intervals;
        final ConformalEvaluation[] evaluations;
        int missing;

        Model(Cell cell, Replay replay) {
            this.cell = cell;
            this.replay = replay;
            this.intervals = new PredictionInterval[replay.steps()];
            this.evaluations = new ConformalEvaluation[replay.scored()];
            this.missing = intervals.length + evaluations.length;
        }

        CellRun toRun() {
            int scored = evaluations.length;
            boolean[] covered = new boolean[scored];
            double[] widths = new double[scored];
            for (int s = 0; s < scored; s++) {
                PredictionInterval interval = intervals[replay.warmup() + s];
                double lower = interval.getLower() == null ? Double.NEGATIVE_INFINITY : interval.getLower();
                double upper = interval.getUpper() == null ? Double.POSITIVE_INFINITY : interval.getUpper();
                covered[s] = evaluations[s].getCovered();
                widths[s] = upper - lower;
            }
            return new CellRun(cell, replay.steps(), covered, widths,
                IntervalMetrics.of(cell.target(), covered, widths));
        }

        /** The last evaluation record's running figures must be the figures over all the model's records. */
        void checkFinalEvaluation(IntervalMetrics m, List<String> problems) {
            if (evaluations.length == 0) {
                return;
            }
            ConformalEvaluation last = evaluations[evaluations.length - 1];
            compare("coverage", m.coverage(), last.getCoverage(), problems);
            compare("meanWidth", m.meanWidth(), last.getMeanWidth(), problems);
            compare("medianHalfWidth", m.medianHalfWidth(), last.getMedianHalfWidth(), problems);
            compare("LCE_" + IntervalMetrics.LONG_WINDOW, m.lce100(), last.getLocalCoverageError(), problems);
        }

        private void compare(String what, double computed, Double published, List<String> problems) {
            double p = published == null ? Double.NaN : published;
            boolean same = published == null ? !Double.isFinite(computed) : Double.compare(computed, p) == 0;
            if (!same) {
                problems.add(cell.modelId() + ": final evaluation record has " + what + " " + published
                    + " but the records give " + computed);
            }
        }
    }

    /** What a run's output topics (read committed, from their beginning) hold for its models. */
    private static final class Outputs implements AutoCloseable {
        private final CommittedOutputs read;
        private final Topics topics;
        private final Map<String, Model> models;
        private final long base;
        private final List<String> problems = new ArrayList<>();
        private long missing;
        private long intervals;
        private long evaluations;
        /** When the last missing record arrived. */
        private long lastArrival;

        Outputs(Map<String, Object> client, Topics topics, Map<String, Model> models, long base) {
            this.topics = topics;
            this.models = models;
            this.base = base;
            for (Model m : models.values()) {
                missing += m.missing;
            }
            this.read = new CommittedOutputs(client, List.of(topics.intervals(), topics.evaluation(), topics.deadLetters()),
            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
        }

        void accept(ConsumerRecord<byte[], byte[]> r) {
            long before = missing;
            if (r.topic().equals(topics.intervals())) {
                interval(INTERVALS.decode(r.value()));
            } else if (r.topic().equals(topics.evaluation())) {
                evaluation(EVALUATIONS.decode(r.value()));
            } else {
                DeadLetter d = DEAD_LETTERS.decode(r.value());
                throw new IllegalStateException("the topology dead-lettered a record of " + d.getSourceTopic()
                    + ": " + d.getReason() + ": " + d.getDetail());
            }
            if (missing < before) {
                lastArrival = System.nanoTime();
            }
        }

        private void interval(PredictionInterval interval) {
            Model m = model(interval.getModelId());
            int step = step(interval.getId());
            if (step == m.intervals.length) {
                return; // the look-ahead prediction after the last step
            }
            intervals++;
            if (m.intervals[step] != null) {
                problems.add("duplicate interval " + interval.getId());
                return;
            }
            m.intervals[step] = interval;
            m.missing--;
            missing--;
            if (interval.getVersion() != step) {
                problems.add("interval " + interval.getId() + " has version " + interval.getVersion()
                    + ": it was not issued after the previous label");
            }
            if (!interval.getCalibrator().equals(m.cell.calibrator().wireName())
                || interval.getCoverageTarget() != m.cell.target()) {
                problems.add("interval " + interval.getId() + " names " + interval.getCalibrator() + " at "
                    + interval.getCoverageTarget());
            }
        }

        private void evaluation(ConformalEvaluation e) {
            evaluations++;
            Model m = model(e.getModelId());
            int s = (int) e.getLabels() - 1;
            if (s < 0 || s >= m.evaluations.length) {
                problems.add(e.getModelId() + ": evaluation record for scored label " + e.getLabels() + " of "
                    + m.evaluations.length);
                return;
            }
            if (m.evaluations[s] != null) {
                problems.add(e.getModelId() + ": duplicate evaluation record for scored label " + e.getLabels());
                return;
            }
            m.evaluations[s] = e;
            m.missing--;
            missing--;
            long expected = base + 2L * (m.replay.warmup() + s) + 1;
            if (e.getTimestamp() != expected) {
                problems.add(e.getModelId() + ": evaluation " + e.getLabels() + " carries timestamp "
                    + e.getTimestamp() + ", its label's is " + expected);
            }
        }

        private Model model(String id) {
            Model m = models.get(id);
            if (m == null) {
                throw new IllegalStateException("output for unknown model '" + id + "'");
            }
            return m;
        }

        String firstIncomplete() {
            for (Model m : models.values()) {
                if (m.missing > 0) {
                    int intervalsIn = 0;
                    for (PredictionInterval i : m.intervals) {
                        intervalsIn += i == null ? 0 : 1;
                    }
                    int evaluationsIn = 0;
                    for (ConformalEvaluation e : m.evaluations) {
                        evaluationsIn += e == null ? 0 : 1;
                    }
                    return m.cell.modelId() + " (" + intervalsIn + "/" + m.intervals.length + " intervals, "
                        + evaluationsIn + "/" + m.evaluations.length + " evaluations)";
                }
            }
            return "none";
        }

        @Override
        public void close() {
            read.close();
        }
    }
}
