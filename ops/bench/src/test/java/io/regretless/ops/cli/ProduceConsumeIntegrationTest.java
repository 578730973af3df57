package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import io.regretless.ops.Main;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.testkit.CommandProcess;
import io.regretless.ops.testkit.Progress;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * The shell tools against the {@code broker} command, which runs as its own JVM with its standard
 * input closed from the start and so shows that it stays up without it: {@code run} and
 * {@code consume} before {@code topics}, {@code topics} on topics that exist with other partition counts, {@code produce} with a bad line among good ones,
 * {@code consume} of JSON and Avro alike, and the broker's clean stop on SIGTERM.
 */
class ProduceConsumeIntegrationTest {
    private static final Duration STALL = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void toolsOnTheBrokerCommand() throws Exception {
        try (CommandProcess broker = CommandProcess.start("io.regretless.ops.BenchMain", dir, null, List.of("broker", "--port", "0"))) {
            String bootstrap = broker.awaitLine(Pattern.compile("^bootstrap\\.servers=(\\S+)$")).group(1);
            Matcher data = broker.awaitLine(Pattern.compile("^data and log: (\\S+) \\(deleted when the broker stops\\)$"));
            Path brokerDir = Path.of(data.group(1));
            Path config = dir.resolve("app.properties");
            Files.writeString(config, "application.id=tools\nbootstrap.servers=" + bootstrap + "\nregretless.topic.prefix=tools\n"
                + "regretless.models=checkout\nregretless.model.checkout.learner=squarecb\n");
            try (Progress progress = new Progress(Map.of("bootstrap.servers", bootstrap), STALL)) {
                beforeTopicsTheCommandsSaySo(config);
                topicsWithOtherPartitionCounts(bootstrap, config);
                produceSendsTheGoodLines(config);
                consumePrintsJsonWhateverTheFormat(bootstrap, config);

                Set<ProcessHandle> children = broker.handle().descendants().collect(Collectors.toSet());
                assertFalse(children.isEmpty(), "the broker runs in a child JVM");
                assertEquals(0, broker.stop(progress), broker.describe());
                assertTrue(broker.stdout().contains("stopping the broker"), broker.describe());
                for (ProcessHandle child : children) {
                    child.onExit().get(60, TimeUnit.SECONDS);
                }
                assertFalse(Files.exists(brokerDir), "the temporary directory is deleted: " + brokerDir);
            }
        }
    }

    private void beforeTopicsTheCommandsSaySo(Path config) {
        String missing = "topic tools.requests does not exist: create the application's topics first "
            + "(java -jar regretless.jar topics --config <the same file>)";
        CommandRun run = CommandRun.of("run", "--config", config.toString(), "--http-port", "0");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("error: " + missing + "\n", run.err(), "one line, no stack trace");
        CommandRun consume = CommandRun.of("consume", "--config", config.toString(), "--topic", "requests");
        assertEquals(1, consume.exitCode(), consume.err());
        assertEquals("error: " + missing + "\n", consume.err());
    }

    private void topicsWithOtherPartitionCounts(String bootstrap, Path config) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("tools.rewards", 2, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        CommandRun topics = CommandRun.of("topics", "--config", config.toString(), "--partitions", "3",
            "--replication-factor", "1");
        assertEquals(1, topics.exitCode(), topics.err());
        assertTrue(topics.err().contains("warning: tools.rewards exists with 2 partitions, not the 3 asked for: left as it is"),
            topics.err());
        assertTrue(topics.err().contains("error: the bandit loop's inputs must have one partition count, but tools.requests "
            + "has 3, tools.rewards has 2, tools.labeled has 3, tools.decision-log has 3: run refuses to start"), topics.err());
        assertTrue(topics.out().contains("created  tools.requests (3 partitions"), topics.out());
    }

    private void produceSendsTheGoodLines(Path config) {
        String good = "{\"requestId\": \"%s\", \"modelId\": \"checkout\", \"actions\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}";
        String stdin = good.formatted("r1") + "\n{\"requestId\": \"r2\", \"actions\": [{\"id\": \"a\"}]}\n"
            + good.formatted("r3") + "\n";
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((ProduceCommand) cli.getSubcommands().get("produce").getCommand()).in =
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, cli.execute("produce", "--config", config.toString(), "--topic", "requests"), err.toString());
        assertEquals("sent 2 records to tools.requests\n", out.toString());
        assertTrue(err.toString().startsWith("line 2: /modelId: missing required field\n"), err.toString());
        assertTrue(err.toString().contains("1 line refused (line 2): not sent; the other lines were sent"), err.toString());

        CommandRun consumed = CommandRun.of("consume", "--config", config.toString(), "--topic", "requests",
            "--from-beginning", "--max", "2", "--print-key");
        assertEquals(0, consumed.exitCode(), consumed.err());
        Set<String> keys = consumed.out().lines().map(line -> line.substring(0, line.indexOf('\t'))).collect(Collectors.toSet());
        assertEquals(Set.of("r1", "r3"), keys, "keyed by request id: " + consumed.out());
        assertTrue(consumed.out().lines().allMatch(line -> line.contains("\t{\"requestId\":\"" + line.substring(0, 2) + "\"")),
            consumed.out());

        CommandRun short1 = CommandRun.of("consume", "--config", config.toString(), "--topic", "requests",
            "--from-beginning", "--max", "3", "--timeout-ms", "3000");
        assertEquals(1, short1.exitCode(), short1.err());
        assertTrue(short1.err().contains("only 2 of 3 records came: none for 3000 ms"), short1.err());
    }

    private void consumePrintsJsonWhateverTheFormat(String bootstrap, Path config) throws Exception {
        Decision decision = new Decision("d1", "checkout", "a", 0.5,
            List.of(new ActionProbability("a", 0.5), new ActionProbability("b", 0.5)), 3L, "squarecb-disjoint", 7L);
        long now = System.currentTimeMillis();
        try (ReplayProducer producer = ReplayProducer.open(Map.of("bootstrap.servers", bootstrap))) {
            for (byte[] value : List.of(AvroCodec.of(Decision.class).encode(decision), "garbage".getBytes(StandardCharsets.UTF_8),
                WireCodec.of(Decision.class).encode(decision, WireFormat.JSON))) {
                producer.send("tools.decisions", 0, null, value, now);
            }
        }
        CommandRun consumed = CommandRun.of("consume", "--config", config.toString(), "--topic", "decisions",
            "--from-beginning", "--max", "2");
        assertEquals(0, consumed.exitCode(), consumed.err());
        String json = new String(WireCodec.of(Decision.class).encode(decision, WireFormat.JSON), StandardCharsets.UTF_8);
        assertEquals(json + "\n" + json + "\n", consumed.out(), "Avro and JSON print alike");
        assertTrue(consumed.err().contains("skipped tools.decisions-0@1: neither single-object Avro"), consumed.err());

        CommandRun fields = CommandRun.of("consume", "--config", config.toString(), "--topic", "decisions",
            "--from-beginning", "--max", "1", "--fields", "requestId,modelVersion");
        assertEquals("{\"requestId\":\"d1\",\"modelVersion\":3}\n", fields.out(), fields.err());
        CommandRun typo = CommandRun.of("consume", "--config", config.toString(), "--topic", "decisions",
            "--fields", "requestId,chosenActionID");
        assertEquals(1, typo.exitCode());
        assertTrue(typo.err().contains("decisions records have no field 'chosenActionID' (did you mean chosenActionId?)"),
            typo.err());
    }
}
