package io.regretless.ops.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.JsonViolation;
import io.regretless.schemas.codec.SchemaViolationException;
import io.regretless.schemas.codec.UnreadableRecordException;

/**
 * Sends JSON lines from standard input to one of the application's input topics, each checked
 * first against the topic's JSON Schema as the application reads it, and keyed as the application
 * wants it (the request id on the bandit loop's inputs, the model id on the others).
 *
 * <p>A line that does not fit is not sent: its line number and each offending field, by JSON
 * pointer, go to standard error, the lines after it are still sent, and the command exits 1. So a
 * stream of lines is sent as it comes, and a file with one bad line needs only that line sent
 * again; {@code --dry-run} checks a whole file without sending anything, for all-or-nothing.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = "Send JSON lines from standard input to an input topic, one record per line, each checked against "
        + "the topic's JSON Schema first. Keys: the request id on requests, rewards and decision-log; the model id on "
        + "the others. A line that does not fit is reported (line number, field, reason) and not sent; the others are "
        + "sent, and the command exits 1 if any line was refused.")
public final class ProduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "The application's properties file: bootstrap.servers, security, regretless.topic.prefix.")
    Path config;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC",
        description = "requests, rewards, decision-log, labeled, prediction-requests, labels, advice or expert-labels.")
    String topic;

    @Option(names = "--dry-run", description = "Check every line, send nothing; exit 1 if a line does not fit.")
    boolean dryRun;

    InputStream in = System.in;

    Map<String, String> environment = System.getenv();

    /** One line that fits, ready to send. */
    private record Line(int number, String key, byte[] value) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Properties props = RunCommand.load(config, environment);
        String prefix = props.getProperty("regretless.topic.prefix", "regretless");
        WireTopic wire = WireTopic.input(topic.startsWith(prefix + ".") ? topic.substring(prefix.length() + 1) : topic);
        String name = wire.fullName().apply(new Topics(prefix));
        List<Integer> refused = new ArrayList<>();
        long sent;
        if (dryRun) {
            sent = readLines(wire, err, refused, line -> { });
            out.println(sent + (sent == 1 ? " line fits " : " lines fit ") + name + "; nothing sent");
        } else {
            Map<String, Object> producerConfig = ClientSettings.producer(props);
            ExistingTopic.partitions(producerConfig, name);
            AtomicReference<Exception> failed = new AtomicReference<>();
            try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
                sent = readLines(wire, err, refused, line -> producer.send(new ProducerRecord<>(name, line.key(), line.value()),
                    (metadata, e) -> {
                        if (e != null && failed.compareAndSet(null, e)) {
                            err.println("line " + line.number() + ": not sent: " + e.getMessage());
                        }
                    }));
                producer.flush();
            }
            if (failed.get() != null) {
                err.println("error: the broker did not take every record: " + failed.get().getMessage());
                err.flush();
                return 1;
            }
            out.println("sent " + sent + " record" + (sent == 1 ? "" : "s") + " to " + name);
        }
        out.flush();
        if (!refused.isEmpty()) {
            err.println(refused.size() + " line" + (refused.size() == 1 ? "" : "s") + " refused (" + lines(refused) + ")"
                + (dryRun ? "" : ": not sent; the other lines were sent"));
            err.flush();
            return 1;
        }
        return 0;
    }

    /** Reads every line, reports those that do not fit to {@code err}, hands the others on; the count handed on. */
    private long readLines(WireTopic wire, PrintWriter err, List<Integer> refused,
                           Consumer<Line> send) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long fitting = 0;
        int number = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            byte[] value = text.strip().getBytes(StandardCharsets.UTF_8);
            try {
                // the record timestamp stands in for an omitted timestamp, as the application reads it
                SpecificRecord record = wire.codec().decode(value, System.currentTimeMillis());
                send.accept(new Line(number, wire.keyOf().apply(record), value));
                fitting++;
            } catch (SchemaViolationException e) {
                refused.add(number);
                for (JsonViolation violation : e.violations()) {
                    err.println("line " + number + ": " + violation);
                }
            } catch (UnreadableRecordException e) {
                refused.add(number);
                err.println("line " + number + ": " + e.getMessage());
            }
            err.flush();
        }
        return fitting;
    }

    private static String lines(List<Integer> numbers) {
        String shown = numbers.stream().limit(10).map(n -> "line " + n).collect(Collectors.joining(", "));
        return numbers.size() > 10 ? shown + " and " + (numbers.size() - 10) + " more" : shown;
    }
}
