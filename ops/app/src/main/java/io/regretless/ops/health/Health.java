package io.regretless.ops.health;

import java.util.List;
import java.util.StringJoiner;

import org.apache.kafka.streams.KafkaStreams;

/**
 * What the health endpoints answer. Live: Kafka Streams has not failed or stopped. Ready: it is
 * RUNNING (every assigned task restored) and no task is stalled ({@link TaskProgress}). Input that
 * was deleted before it was read ({@link InputLoss}) does not make the instance unready — it keeps
 * processing — but every answer lists it, so an operator looking at health sees it.
 */
public final class Health {
    private final KafkaStreams streams;
    private final TaskProgress progress;
    private final InputLoss loss;

    public Health(KafkaStreams streams, TaskProgress progress, InputLoss loss) {
        this.streams = streams;
        this.progress = progress;
        this.loss = loss;
    }

    public boolean live() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
            && state != KafkaStreams.State.PENDING_ERROR;
    }

    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING && progress.stalls().isEmpty();
    }

    /** The state, then one line per stalled task and per gap of lost input. */
    public String describe() {
        StringJoiner lines = new StringJoiner("\n");
        lines.add(streams.state().name());
        progress.stalls().forEach(s -> lines.add("stalled: " + s));
        loss.gaps().forEach(g -> lines.add("input lost: " + g));
        return lines.toString();
    }

    public List<TaskProgress.Stall> stalls() {
        return progress.stalls();
    }

    public List<InputLoss.Gap> inputGaps() {
        return loss.gaps();
    }

    public long inputRecordsLost() {
        return loss.total();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }
}
