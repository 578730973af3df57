package io.regretless.ops.experts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.KafkaBroker;
import io.regretless.ops.replay.CommittedOutputs;
import io.regretless.ops.replay.CommittedOutputs.Patience;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.replay.ReplayRun;
import io.regretless.schemas.Advice;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Label;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.Topics;

/**
 * Runs the first rows of a data set through the sleeping-experts topology (one features-mode model,
 * square loss, labels in [0, 1]) on a broker, on fresh topics {@code experts-bench-<random>.*}.
 *
 * <p>The application is started on the empty topics; then every row is produced, in timestamp order:
 * row i's case at {@code base + 2i} on {@code advice}, its label at {@code base + 2i + 1} on
 * {@code expert-labels}. With {@code max.task.idle.ms} set, Kafka Streams processes the task's
 * records in timestamp order across both topics, so each label is learned before the next case is
 * combined — the in-process order, hence the same figures. One last, never labelled, case keeps the
 * advice partition ahead of the labels partition. The run consumes {@code group-evaluation}
 * ({@code read_committed}) until every label's records are there and keeps each group's last
 * record. Events/s = (cases + labels) / time from the first record sent to the last evaluation
 * record consumed. Topics, internal topics and local state are deleted afterwards.
 */
public final class KafkaGroupwiseRun {
    /** The model's id in the run. */
    static final String MODEL = "groupwise";
    private static final long MAX_TASK_IDLE_MS = 2_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final AvroCodec<Advice> ADVICE = AvroCodec.of(Advice.class);
    private static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    private static final WireCodec<ExpertsEvaluation> EVALUATIONS = WireCodec.of(ExpertsEvaluation.class);
    private static final WireCodec<DeadLetter> DEAD_LETTERS = WireCodec.of(DeadLetter.class);

    /**
     * What a run measured.
     *
     * @param events     cases plus labels produced (the look-ahead case included)
     * @param elapsed    from the first record sent to the last evaluation record consumed
     * @param lastByGroup each group's last evaluation record, by group name (always-on included)
     */
    public record Result(int rows, long events, long evaluations, Duration elapsed,
                         Map<String, ExpertsEvaluation> lastByGroup) {
        public double eventsPerSecond() {
            return events / (Math.max(1, elapsed.toNanos()) / 1e9);
        }
    }

    private final KafkaBroker broker;
    private final Duration timeout;
    private final long commitIntervalMs;

    /** @param commitIntervalMs the application's {@code commit.interval.ms} */
    public KafkaGroupwiseRun(KafkaBroker broker, Duration timeout, long commitIntervalMs) {
        this.broker = broker;
        this.timeout = timeout;
        this.commitIntervalMs = commitIntervalMs;
    }

    /**
     * @throws IllegalStateException if the application stops, a record is dead-lettered or the
     *     evaluation records are not all there within the timeout
     */
    public Result run(GroupedData data, int rows) throws InterruptedException {
        return run(data, rows, GroupwiseRidge.DEFAULT_SHRINKAGE);
    }

    /** As {@link #run(GroupedData, int)}, the model configured with the group models' λ = {@code shrinkage}. */
    public Result run(GroupedData data, int rows, double shrinkage) throws InterruptedException {
        try (ReplayRun run = ReplayRun.open(broker.clientProperties(), "experts-bench")) {
            Topics topics = new Topics(run.id());
            broker.createTopics(topics.expertsTopics(), 1);
            try (RegretlessApp app = new RegretlessApp(appProperties(run, topics, data, shrinkage));
                 CommittedOutputs outputs = startAndRead(app, topics)) {
                long began = System.nanoTime();
                long events = produce(topics, data, rows);
                return collect(app, outputs, topics, data, rows, events, began);
            }
        }
    }

    private CommittedOutputs startAndRead(RegretlessApp app, Topics topics) throws InterruptedException {
        app.start(START_TIMEOUT);
        return new CommittedOutputs(broker.clientProperties(), List.of(topics.groupEvaluation(), topics.deadLetters()),
            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
    }

    private Result collect(RegretlessApp app, CommittedOutputs outputs, Topics topics, GroupedData data, int rows,
                           long events, long began) {
        long expected = 0;
        int[] buffer = new int[data.groups()];
        for (int t = 0; t < rows; t++) {
            expected += data.groups(t, buffer) + 1;
        }
        long all = expected;
        Map<String, ExpertsEvaluation> last = new LinkedHashMap<>();
        long[] received = {0};
        long[] lastArrival = {began};
        outputs.awaitUntil(() -> {
            KafkaStreams.State state = app.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped (" + state + ") after " + received[0] + " of "
                    + all + " evaluation records");
            }
            return received[0] >= all;
        }, r -> {
            if (r.topic().equals(topics.deadLetters())) {
                DeadLetter d = DEAD_LETTERS.decode(r.value());
                throw new IllegalStateException("the topology dead-lettered a record of " + d.getSourceTopic()
                    + ": " + d.getReason() + ": " + d.getDetail());
            }
            ExpertsEvaluation e = EVALUATIONS.decode(r.value());
            last.put(e.getGroup(), e);
            received[0]++;
            lastArrival[0] = System.nanoTime();
        }, Patience.deadline(timeout), () -> "only " + received[0] + " of " + all + " evaluation records arrived on "
            + topics.groupEvaluation());
        Map<String, ExpertsEvaluation> ordered = new LinkedHashMap<>();
        for (int g = 0; g <= data.groups(); g++) {
            String name = g < data.groups() ? data.groupName(g) : ExpertsModel.ALWAYS_ON;
            if (last.containsKey(name)) {
                ordered.put(name, last.get(name));
            }
        }
        return new Result(rows, events, received[0], Duration.ofNanos(Math.max(1, lastArrival[0] - began)), ordered);
    }

    private long produce(Topics topics, GroupedData data, int rows) {
        byte[] key = MODEL.getBytes(StandardCharsets.UTF_8);
        long base = System.currentTimeMillis();
        long events = 0;
        double[] x = new double[data.features()];
        int[] buffer = new int[data.groups()];
        try (ReplayProducer producer = ReplayProducer.open(broker.clientProperties(), Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "10", ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024)))) {
            for (int t = 0; t <= rows; t++) {
                int row = Math.min(t, data.rows() - 1);
                data.features(row, x);
                int count = data.groups(row, buffer);
                List<String> groups = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    groups.add(data.groupName(buffer[k]));
                }
                List<Double> features = new ArrayList<>(x.length);
                for (double v : x) {
                    features.add(v);
                }
                long time = base + 2L * t;
                String id = "row-" + t;
                producer.send(topics.advice(), key, ADVICE.encode(new Advice(id, MODEL, time, groups, List.of(), features)),
                    time);
                events++;
                if (t == rows) {
                    break; // the look-ahead case: never labelled
                }
                producer.send(topics.expertLabels(), key, LABELS.encode(new Label(id, MODEL, data.label(row), time + 1)),
                    time + 1);
                events++;
            }
            producer.flush();
        }
        return events;
    }

    private Properties appProperties(ReplayRun run, Topics topics, GroupedData data, double shrinkage) {
        Properties props = new Properties();
        props.putAll(broker.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, run.id());
        props.put(StreamsConfig.STATE_DIR_CONFIG, run.stateDir().toString());
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(MAX_TASK_IDLE_MS));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
        props.put("regretless.topic.prefix", topics.prefix());
        props.put("regretless.experts.models", MODEL);
        String p = "regretless.experts.model." + MODEL + ".";
        props.put(p + "mode", "features");
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < data.groups(); g++) {
            groups.add(data.groupName(g));
        }
        props.put(p + "groups", String.join(",", groups));
        props.put(p + "dimension", Integer.toString(data.features()));
        props.put(p + "shrinkage", Double.toString(shrinkage));
        props.put(p + "loss", "square");
        props.put(p + "label.low", "0");
        props.put(p + "label.high", "1");
        props.put(p + "label.window.ms", Long.toString(Duration.ofDays(1).toMillis()));
        return props;
    }
}
