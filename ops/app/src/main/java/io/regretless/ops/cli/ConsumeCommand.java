package io.regretless.ops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.config.DidYouMean;

/**
 * Prints the records of one of the application's topics as JSON lines, whichever format they were
 * written in (JSON or single-object Avro: {@code regretless.output.format}), reading committed
 * records only, as the application's transactions leave them. It reads every partition without a
 * consumer group, so it commits nothing and disturbs no one.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = "Print a topic's records as JSON lines (Avro or JSON on the topic), committed records only. Without "
        + "--from-beginning only records written from now on; runs until --max records, --timeout-ms without a "
        + "record, or Ctrl-C.")
public final class ConsumeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "The application's properties file: bootstrap.servers, security, regretless.topic.prefix.")
    Path config;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC",
        description = "decisions, feedback, dead-letters, model-snapshots, intervals, evaluation, combined, "
            + "group-evaluation, policy-evaluation, or an input topic (requests, rewards, decision-log, labeled, prediction-requests, "
            + "labels, advice, expert-labels).")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record kept instead of the end.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--timeout-ms", paramLabel = "T",
        description = "Stop when no record came for T ms (with --max: exit 1 if fewer than N came).")
    Long timeoutMs;

    @Option(names = "--print-key", description = "Print each record's key, a tab, then the value.")
    boolean printKey;

    @Option(names = "--fields", split = ",", paramLabel = "FIELD",
        description = "Print only these top-level fields, e.g. --fields modelId,version (a model's state is long).")
    List<String> fields;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        if (max != null && max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, got " + max);
        }
        if (timeoutMs != null && timeoutMs < 1) {
            throw new IllegalArgumentException("--timeout-ms must be at least 1, got " + timeoutMs);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Properties props = RunCommand.load(config, environment);
        String prefix = props.getProperty("regretless.topic.prefix", "regretless");
        WireTopic wire = WireTopic.any(topic.startsWith(prefix + ".") ? topic.substring(prefix.length() + 1) : topic);
        String name = wire.fullName().apply(new Topics(prefix));
        Set<String> kept = fields == null ? null : keptFields(wire, fields);
        Map<String, Object> consumerConfig = ClientSettings.consumer(props);
        int partitions = ExistingTopic.partitions(consumerConfig, name);
        long printed = 0;
        long skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(name, p)).toList();
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
                assigned.forEach(consumer::position); // fixes "the end" now, not at the first poll
            }
            long lastRecord = System.nanoTime();
            while (max == null || printed < max) {
                boolean any = false;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    any = true;
                    String json;
                    try {
                        json = json(wire.codec(), record, kept);
                    } catch (UnreadableRecordException e) {
                        skipped++;
                        err.println("skipped " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                            + e.getMessage());
                        err.flush();
                        continue;
                    }
                    out.println(printKey ? key(record.key()) + "\t" + json : json);
                    out.flush();
                    printed++;
                    if (max != null && printed >= max) {
                        break;
                    }
                }
                if (any) {
                    lastRecord = System.nanoTime();
                } else if (timeoutMs != null && System.nanoTime() - lastRecord > timeoutMs * 1_000_000) {
                    break;
                }
            }
        }
        if (skipped > 0) {
            err.println(skipped + " record" + (skipped == 1 ? "" : "s") + " of " + name + " could not be read");
        }
        if (max != null && printed < max) {
            err.println("only " + printed + " of " + max + " records came: none for " + timeoutMs + " ms (--timeout-ms)");
            err.flush();
            return 1;
        }
        err.flush();
        return 0;
    }

    /**
     * The record's value as one line of natural JSON, only the {@code kept} fields unless that is
     * null; an input's omitted timestamp is the record's.
     *
     * @throws UnreadableRecordException when the value is not a record of the topic's type
     */
    private static <T extends SpecificRecord> String json(WireCodec<T> codec, ConsumerRecord<byte[], byte[]> record,
                                                          Set<String> kept) throws IOException {
        byte[] json = codec.encode(codec.decode(record.value(), record.timestamp()), WireFormat.JSON);
        if (kept == null) {
            return new String(json, StandardCharsets.UTF_8);
        }
        ObjectNode all = (ObjectNode) JSON.readTree(json);
        all.retain(kept);
        return JSON.writeValueAsString(all);
    }

    /** The named fields, in the record's order, after checking the topic's records have them. */
    private static Set<String> keptFields(WireTopic wire, List<String> names) {
        List<String> known = SpecificData.get().getSchema(wire.codec().type()).getFields().stream()
            .map(Schema.Field::name).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--fields: " + wire.shortName() + " records have no field '" + name + "'"
                    + DidYouMean.nearest(name, known).map(near -> " (did you mean " + near + "?)").orElse("")
                    + "; they have " + String.join(", ", known));
            }
        }
        return new LinkedHashSet<>(names);
    }

    private static String key(byte[] key) {
        return key == null ? "null" : new String(key, StandardCharsets.UTF_8);
    }
}
