package io.regretless.ops.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.regretless.ops.replay.CommittedOutputs;

/**
 * Accounts for the ids that appear on an output topic (read through {@link CommittedOutputs}: read
 * committed, no group, no topic auto-creation, every partition from the beginning): how
 * often each appeared, and where reading stands. Waits fail on a stall, not on a fixed deadline —
 * a busy machine is slow, not stuck — and say what happened in the words an operator would use:
 * "no progress for 60 s", "lost: ids ...", "repeated: ids ...", with where the application's
 * consumer group stands on its input ({@link InputLag}).
 */
public final class IdLedger implements AutoCloseable {
    private static final int SHOWN = 12;

    private final String topic;
    private final Function<byte[], String> idOf;
    private final CommittedOutputs outputs;
    private final Map<String, Integer> counts = new HashMap<>();

    /** Reads {@code topic}; {@code idOf} takes the id out of a record value. */
    public IdLedger(Map<String, Object> clientProperties, String topic, Function<byte[], String> idOf) {
        this.topic = topic;
        this.idOf = idOf;
        this.outputs = new CommittedOutputs(clientProperties, List.of(topic));
    }

    /**
     * Reads until every id of {@code expected} has appeared at least once. Fails if no new id
     * appears for {@code stall}, saying which ids are missing and what {@code context} reports
     * (e.g. {@link InputLag}, the application's last lines of output).
     */
    public IdLedger awaitAll(Collection<String> expected, Duration stall, Supplier<String> context) {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(counts.keySet());
        long lastProgress = System.nanoTime();
        while (!missing.isEmpty()) {
            int before = missing.size();
            for (String id : poll()) {
                missing.remove(id);
            }
            if (missing.size() < before) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                throw new AssertionError("no progress for " + stall.toSeconds() + " s on " + topic + ": "
                    + (expected.size() - missing.size()) + " of " + expected.size() + " ids appeared; "
                    + outputs.where() + "; missing " + missing.size() + ": " + sample(missing) + "\n" + context.get());
            }
        }
        return this;
    }

    /** Reads until at least {@code distinct} ids have appeared, failing like {@link #awaitAll} on a stall. */
    public IdLedger awaitAtLeast(int distinct, Duration stall, Supplier<String> context) {
        long lastProgress = System.nanoTime();
        while (counts.size() < distinct) {
            int before = counts.size();
            poll();
            if (counts.size() > before) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                throw new AssertionError("no progress for " + stall.toSeconds() + " s on " + topic + ": "
                    + counts.size() + " of " + distinct + " ids appeared; " + outputs.where() + "\n" + context.get());
            }
        }
        return this;
    }

    /** Reads whatever is committed for {@code quiet} more, to catch repeats that would come after the last expected id. */
    public IdLedger drain(Duration quiet) {
        long end = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
        return this;
    }

    /** Fails unless every id of {@code expected} appeared exactly once and no other id appeared. */
    public void assertExactlyOnce(Collection<String> expected, Supplier<String> context) {
        Set<String> lost = new LinkedHashSet<>(expected);
        lost.removeAll(counts.keySet());
        List<String> repeated = new ArrayList<>();
        counts.forEach((id, n) -> {
            if (n > 1) {
                repeated.add(id + " (" + n + "x)");
            }
        });
        Set<String> unexpected = new HashSet<>(counts.keySet());
        unexpected.removeAll(new HashSet<>(expected));
        if (!lost.isEmpty() || !repeated.isEmpty() || !unexpected.isEmpty()) {
            StringBuilder message = new StringBuilder("on " + topic + ", " + outputs.records() + " records for "
                + counts.size() + " ids, " + expected.size() + " expected once each:");
            if (!lost.isEmpty()) {
                message.append("\n  lost: ").append(lost.size()).append(" ids ").append(sample(lost));
            }
            if (!repeated.isEmpty()) {
                message.append("\n  repeated: ").append(repeated.size()).append(" ids ").append(sample(repeated));
            }
            if (!unexpected.isEmpty()) {
                message.append("\n  unexpected: ").append(unexpected.size()).append(" ids ").append(sample(unexpected));
            }
            throw new AssertionError(message + "\n" + context.get());
        }
    }

    /** How many times each id appeared so far. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** Records read so far. */
    public long records() {
        return outputs.records();
    }

    private List<String> poll() {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : outputs.poll()) {
            String id = idOf.apply(record.value());
            counts.merge(id, 1, Integer::sum);
            ids.add(id);
        }
        return ids;
    }

    private static String sample(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        return list.size() <= SHOWN ? list.toString()
            : list.subList(0, SHOWN) + " and " + (list.size() - SHOWN) + " more";
    }

    @Override
    public void close() {
        outputs.close();
    }
}
