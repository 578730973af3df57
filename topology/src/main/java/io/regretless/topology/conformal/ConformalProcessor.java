package io.regretless.topology.conformal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.state.ConformalModelState;
import io.regretless.schemas.state.PendingPrediction;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.DeadLetters;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.metrics.Counters;
import io.regretless.topology.snapshot.SnapshotPublisher;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.window.StreamTimeBoundaries;

/**
 * Online conformal prediction for the series of one task: prediction requests get an interval from
 * the series' calibrator, labels are joined to their interval by id, update the calibrator and
 * yield the running evaluation. Prediction requests and labels of a series are co-partitioned by
 * model id. Every refused record goes to the dead-letter sink with its reason.
 */
final class ConformalProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final AvroCodec<PredictionRequest> REQUESTS = AvroCodec.of(PredictionRequest.class);
    private static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    private static final AvroCodec<PredictionInterval> INTERVALS = AvroCodec.of(PredictionInterval.class);
    private static final AvroCodec<ConformalEvaluation> EVALUATIONS = AvroCodec.of(ConformalEvaluation.class);
    private static final AvroCodec<PendingPrediction> PENDING = AvroCodec.of(PendingPrediction.class);
    private static final AvroCodec<ConformalModelState> STATES = AvroCodec.of(ConformalModelState.class);

    private final RegretlessConfig config;
    private ProcessorContext<byte[], byte[]> context;
    private SeriesRepository series;
    private AttributionWindow<PendingPrediction> pending;
    private IntervalIssuer issuer;
    private LabelJoiner joiner;
    private DeadLetters deadLetters;
    private Counters counters;
    private StreamTimeBoundaries boundaries;

    ConformalProcessor(RegretlessConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        KeyValueStore<String, byte[]> store = context.getStateStore(ConformalTopology.CALIBRATORS_STORE);
        series = new SeriesRepository(store, config.conformal());
        pending = new AttributionWindow<>(context, ConformalTopology.PENDING_PREDICTIONS, PENDING);
        issuer = new IntervalIssuer(config.conformal(), series, pending);
        joiner = new LabelJoiner(config.conformal(), series, pending);
        counters = new Counters(context.metrics());
        deadLetters = new DeadLetters(context, ConformalTopology.DEAD_LETTERS_SINK, counters);
        boundaries = new StreamTimeBoundaries(config.punctuationInterval());
        if (!config.snapshotInterval().isZero()) {
            SnapshotPublisher snapshots = new SnapshotPublisher(context, store, "conformal",
                bytes -> STATES.decode(bytes).getVersion(), ConformalTopology.SNAPSHOTS_SINK);
            context.schedule(config.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, snapshots::publish);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        try {
            if (topic.equals(config.topics().predictionRequests())) {
                PredictionInterval interval = issuer.issue(REQUESTS.decode(record.value()), record.timestamp());
                context.forward(record.withKey(key(interval.getModelId())).withValue(INTERVALS.encode(interval)),
                    ConformalTopology.INTERVALS_SINK);
                count("intervals-total", "Prediction intervals issued", interval.getModelId());
            } else if (topic.equals(config.topics().labels())) {
                joinLabel(record);
            } else {
                throw new IllegalStateException("record from unexpected topic " + topic);
            }
        } catch (UnreadableRecordException e) {
            deadLetters.send(record, DeadLetterReason.UNREADABLE, e.getMessage());
        } catch (InvalidRecordException e) {
            deadLetters.send(record, e.reason(), e.getMessage());
        }
        long boundary = boundaries.crossed(context.currentStreamTimeMs());
        if (boundary != StreamTimeBoundaries.NONE) {
            expire(boundary);
        }
    }

    private void joinLabel(Record<byte[], byte[]> record) {
        Label label = LABELS.decode(record.value());
        ConformalEvaluation evaluation = joiner.join(label, record.timestamp());
        count("labels-joined-total", "Labels joined to their intervals", label.getModelId());
        if (evaluation != null) {
            context.forward(record.withKey(key(label.getModelId())).withValue(EVALUATIONS.encode(evaluation)),
                ConformalTopology.EVALUATION_SINK);
            count(evaluation.getCovered() ? "intervals-covered-total" : "intervals-missed-total",
                "Scored labels inside (covered) or outside (missed) their interval", label.getModelId());
        }
    }

    private void expire(long streamTime) {
        for (PendingPrediction waiting : pending.expired(streamTime)) {
            joiner.expire(waiting);
            count("labels-missing-total", "Predictions whose label never came", waiting.getInterval().getModelId());
        }
    }

    private void count(String name, String description, String modelId) {
        counters.increment(name, description, Map.of("model", modelId));
    }

    private static byte[] key(String modelId) {
        return modelId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (series != null) {
            series.clear();
        }
    }
}
