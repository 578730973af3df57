package io.regretless.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import io.regretless.ops.testkit.CommandProcess;
import io.regretless.ops.testkit.Progress;

/**
 * The README's quick start, run as it stands: every line of its {@code ```shell} blocks, in order,
 * on free ports instead of 9092 and 8080, in a fresh working directory. {@code java -jar
 * ops/app/target/regretless.jar ...} runs as its own JVM on this JVM's class path; the broker,
 * {@code java -jar ops/bench/target/regretless-bench.jar broker ...}, runs in this JVM (through
 * {@link BenchMain#commandLine()}) so that it can never outlive the test;
 * {@code echo '...' | command} feeds the command its standard input; {@code cat > file <<'EOF'}
 * writes the file. A line of any other shape fails the test, so the README cannot drift from what
 * is tested. Then: the decision is readable JSON made before any learning, the reward moves the
 * model's version, and {@code run} exits 0 on SIGTERM. Waits fail on a stall ({@link Progress}),
 * not at a deadline.
 */
class QuickStartIntegrationTest {
    private static final Path README = Path.of("..", "..", "README.md");
    private static final String JAR = "java -jar ops/app/target/regretless.jar ";
    private static final String BENCH_JAR = "java -jar ops/bench/target/regretless-bench.jar ";
    private static final Pattern ECHO = Pattern.compile("^echo '([^']*)' \\| (java -jar ops/app/target/regretless\\.jar .*)$");
    private static final Pattern HEREDOC = Pattern.compile("^cat > (\\S+) <<'EOF'$");
    private static final Duration STALL = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReadmeQuickStartDecidesAndLearns(@TempDir Path work) throws Exception {
        int brokerPort = freePort();
        int httpPort = freePort();
        List<String> lines = new ArrayList<>();
        for (String line : quickStartLines()) {
            lines.add(line.replace("9092", Integer.toString(brokerPort)).replace("8080", Integer.toString(httpPort)));
        }
        assertTrue(lines.get(0).startsWith(BENCH_JAR + "broker "), "the quick start starts with the broker: " + lines.get(0));

        BrokerInProcess broker = BrokerInProcess.start(args(BENCH_JAR, lines.get(0)));
        List<CommandProcess> running = new ArrayList<>();
        try (Progress progress = new Progress(Map.of("bootstrap.servers", broker.await()), STALL)) {
            progress.watch(broker::linesPrinted);
            CommandProcess app = null;
            List<String> answers = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher heredoc = HEREDOC.matcher(line);
                Matcher echo = ECHO.matcher(line);
                if (heredoc.matches()) {
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).equals("EOF")) {
                        end++;
                    }
                    assertTrue(end < lines.size(), "the here-document on line '" + line + "' ends with EOF");
                    Files.writeString(work.resolve(heredoc.group(1)), String.join("\n", lines.subList(i + 1, end)) + "\n");
                    i = end;
                } else if (line.startsWith(JAR + "run ")) {
                    app = CommandProcess.start(work, null, args(line));
                    running.add(app);
                    progress.watch(app::linesPrinted);
                    app.awaitLine(Pattern.compile("^http: http://"), progress);
                } else {
                    String stdin = echo.matches() ? echo.group(1) + "\n" : null;
                    String command = echo.matches() ? echo.group(2) : line;
                    assertTrue(command.startsWith(JAR), "the quick start has a line this test cannot run: " + line);
                    CommandProcess step = CommandProcess.start(work, stdin, args(command));
                    running.add(step);
                    progress.watch(step::linesPrinted);
                    assertEquals(0, step.awaitExit(progress), step.describe());
                    answers.add(String.join("\n", step.stdout()));
                }
            }
            assertTrue(app != null, "the quick start runs the application");

            JsonNode decision = onlyJsonLine(answers, l -> l.contains("\"chosenActionId\""), "a decision");
            assertEquals("r1", decision.get("requestId").asText());
            assertTrue(List.of("a", "b").contains(decision.get("chosenActionId").asText()), decision.toString());
            assertEquals(0, decision.get("modelVersion").asLong(), "decided before any reward: " + decision);
            assertEquals(0.5, decision.get("propensity").asDouble(), "uniform over two actions: " + decision);

            JsonNode snapshot = onlyJsonLine(answers, l -> l.contains("\"version\"") && !l.contains("\"kind\""),
                "a model snapshot's modelId and version");
            assertEquals(2, snapshot.size(), "--fields modelId,version prints those two: " + snapshot);
            assertEquals("checkout", snapshot.get("modelId").asText());
            assertTrue(snapshot.get("version").asLong() > decision.get("modelVersion").asLong(),
                "the reward moved the published model: " + snapshot + " after " + decision);

            JsonNode shown = JSON.readTree(answers.get(answers.size() - 1));
            assertEquals("checkout", shown.get("modelId").asText());
            assertTrue(shown.get("version").asLong() >= snapshot.get("version").asLong(),
                "models show has the learned model: " + shown);

            assertEquals(0, app.stop(progress), "run exits 0 on SIGTERM:\n" + app.describe());
            assertTrue(app.stdout().stream().anyMatch(l -> l.startsWith("regretless stopped")), app.describe());
        } finally {
            for (CommandProcess process : running) {
                process.close();
            }
            broker.stop();
        }
        assertEquals(0, broker.exitCode(), "the broker command stops cleanly:\n" + broker.output());
        assertFalse(Files.exists(broker.directory()), "the broker's temporary directory is deleted");
    }

    /** Every line of the shell blocks of the README's quick start, trimmed, blank lines left out. */
    static List<String> quickStartLines() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Quick start");
        assertTrue(section >= 0, "README has a Quick start section");
        int next = readme.indexOf("\n## ", section + 1);
        String text = readme.substring(section, next < 0 ? readme.length() : next);
        List<String> lines = new ArrayList<>();
        for (int start = text.indexOf("```shell\n"); start >= 0; start = text.indexOf("```shell\n", start)) {
            int end = text.indexOf("\n```\n", start);
            text.substring(start + "```shell\n".length(), end).lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(lines::add);
            start = end;
        }
        assertTrue(lines.size() >= 8, "the quick start has its shell blocks: " + lines);
        return lines;
    }

    private static List<String> args(String command) {
        return args(JAR, command);
    }

    private static List<String> args(String jar, String command) {
        assertTrue(command.startsWith(jar), command);
        String rest = command.substring(jar.length());
        assertFalse(rest.contains("'") || rest.contains("\"") || rest.contains("|") || rest.contains("&"),
            "arguments this test splits on spaces: " + command);
        return Arrays.asList(rest.trim().split("\\s+"));
    }

    /** The one line of JSON among the commands' answers that is {@code what}. */
    private static JsonNode onlyJsonLine(List<String> answers, Predicate<String> is, String what) throws IOException {
        List<String> found = answers.stream().flatMap(String::lines).filter(l -> l.startsWith("{") && is.test(l)).toList();
        assertEquals(1, found.size(), "one answer is " + what + ": " + answers);
        return JSON.readTree(found.get(0));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The {@code broker} command in this JVM, on a thread; stopped by interrupting it, as Ctrl-C would. */
    private static final class BrokerInProcess {
        private static final Pattern BOOTSTRAP = Pattern.compile("(?m)^bootstrap\\.servers=(\\S+)$");
        private static final Pattern DIRECTORY = Pattern.compile("(?m)^data and log: (\\S+) ");

        private final StringWriter out = new StringWriter();
        private final AtomicInteger exit = new AtomicInteger(-1);
        private final Thread thread;

        private BrokerInProcess(List<String> args) {
            CommandLine cli = BenchMain.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            thread = new Thread(() -> exit.set(cli.execute(args.toArray(String[]::new))), "quick-start-broker");
        }

        static BrokerInProcess start(List<String> args) {
            BrokerInProcess broker = new BrokerInProcess(args);
            broker.thread.start();
            return broker;
        }

        /**
         * Waits for the broker's bootstrap address; the broker fails by itself if it does not start
         * (its own startup timeout), and this wait ends with it.
         */
        String await() throws InterruptedException {
            while (true) {
                Matcher m = BOOTSTRAP.matcher(output());
                if (m.find()) {
                    return m.group(1);
                }
                if (!thread.isAlive()) {
                    throw new AssertionError("the broker command ended (" + exit.get() + "):\n" + output());
                }
                Thread.sleep(100);
            }
        }

        int linesPrinted() {
            return (int) output().lines().count();
        }

        String output() {
            return out.toString();
        }

        Path directory() {
            Matcher m = DIRECTORY.matcher(output());
            assertTrue(m.find(), output());
            return Path.of(m.group(1));
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }

        int exitCode() {
            return exit.get();
        }
    }
}
