package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import io.regretless.ops.Main;
import io.regretless.schemas.codec.WireCodec;

/**
 * {@code produce} checks every line as the application reads it and names what is wrong by line,
 * JSON pointer and reason; {@code --dry-run} does so without a cluster (the one in these files,
 * 127.0.0.1:1, does not exist). Keys follow where the application processes a record.
 */
class ProduceCommandTest {
    @TempDir
    Path dir;

    private static final String REQUEST = "{\"requestId\": \"r1\", \"modelId\": \"checkout\", \"context\": {\"age\": 0.3}, "
        + "\"actions\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}";

    private CommandRun produce(String stdin, String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ProduceCommand command = (ProduceCommand) cli.getSubcommands().get("produce").getCommand();
        command.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int exit = cli.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    @Test
    void goodLinesFitAndBlankLinesAreSkipped() throws Exception {
        CommandRun run = produce(REQUEST + "\n\n" + REQUEST.replace("r1", "r2") + "\n",
            "produce", "--config", CommandRun.config(dir).toString(), "--topic", "requests", "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("2 lines fit regretless.requests; nothing sent\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void aBadLineIsNamedByLineFieldAndReason() throws Exception {
        String bad = "{\"requestId\": \"r2\", \"modelId\": \"checkout\", \"contxt\": {}, \"actions\": [{\"features\": {}}]}";
        CommandRun run = produce(REQUEST + "\n" + bad + "\nnot json\n" + REQUEST.replace("r1", "r3") + "\n",
            "produce", "--config", CommandRun.config(dir).toString(), "--topic", "requests", "--dry-run");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("line 2: /contxt: unknown field (did you mean 'context'?)"), run.err());
        assertTrue(run.err().contains("line 2: /actions/0/id: missing required field"), run.err());
        assertTrue(run.err().contains("line 3: neither single-object Avro"), run.err());
        assertTrue(run.err().contains("2 lines refused (line 2, line 3)"), run.err());
        assertEquals("2 lines fit regretless.requests; nothing sent\n", run.out());
    }

    @Test
    void theTopicIsTheShortNameAndAWrongOneIsNamed() throws Exception {
        String config = CommandRun.config(dir, "regretless.topic.prefix=shop").toString();
        CommandRun full = produce("{\"requestId\": \"r1\", \"modelId\": \"checkout\", \"value\": 1}\n",
            "produce", "--config", config, "--topic", "shop.rewards", "--dry-run");
        assertEquals(0, full.exitCode(), full.err());
        assertEquals("1 line fits shop.rewards; nothing sent\n", full.out());

        CommandRun typo = produce("", "produce", "--config", config, "--topic", "reward", "--dry-run");
        assertEquals(1, typo.exitCode());
        assertTrue(typo.err().contains("unknown topic 'reward' (did you mean rewards?)"), typo.err());
        CommandRun output = produce("", "produce", "--config", config, "--topic", "decisions", "--dry-run");
        assertEquals(1, output.exitCode());
        assertTrue(output.err().contains("produce writes the input topics: requests, rewards, decision-log"), output.err());
    }

    @Test
    void banditInputsAreKeyedByRequestIdTheOthersByModelId() {
        assertEquals("r1", key("requests", REQUEST));
        assertEquals("r1", key("rewards", "{\"requestId\": \"r1\", \"modelId\": \"checkout\", \"value\": 1}"));
        String loggedRequest = "{\"requestId\": \"r1\", \"modelId\": \"checkout\", \"timestamp\": 1, "
            + "\"actions\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}";
        assertEquals("r1", key("decision-log", "{\"request\": " + loggedRequest + ", \"decision\": {\"requestId\": \"r1\", "
            + "\"modelId\": \"checkout\", \"chosenActionId\": \"a\", \"propensity\": 0.5, \"probabilities\": "
            + "[{\"actionId\": \"a\", \"probability\": 0.5}, {\"actionId\": \"b\", \"probability\": 0.5}], "
            + "\"modelVersion\": 0, \"learner\": \"uniform\", \"timestamp\": 1}, \"source\": \"local\"}"));
        assertEquals("checkout", key("labeled", "{\"eventId\": \"e1\", \"modelId\": \"checkout\", \"actions\": "
            + "[{\"id\": \"a\"}, {\"id\": \"b\"}], \"chosenActionId\": \"b\", \"propensity\": 0.5, \"reward\": 0}"));
        assertEquals("temperature", key("prediction-requests", "{\"id\": \"p1\", \"modelId\": \"temperature\", \"prediction\": 0.64}"));
        assertEquals("temperature", key("labels", "{\"id\": \"p1\", \"modelId\": \"temperature\", \"value\": 0.66}"));
        assertEquals("claims", key("advice", "{\"id\": \"c1\", \"modelId\": \"claims\", \"groups\": [\"young\"], "
            + "\"advice\": [{\"expert\": \"gbm\", \"prediction\": 0.42}]}"));
        assertEquals("claims", key("expert-labels", "{\"id\": \"c1\", \"modelId\": \"claims\", \"value\": 0.45}"));
        assertEquals(8, WireTopic.INPUTS.size(), "every input topic is checked here");
        assertThrows(IllegalArgumentException.class, () -> WireTopic.input("learning-updates"));
    }

    private static String key(String topic, String json) {
        WireTopic wire = WireTopic.input(topic);
        return wire.keyOf().apply(decode(wire.codec(), json));
    }

    private static org.apache.avro.specific.SpecificRecord decode(WireCodec<?> codec, String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), 1L);
    }
}
