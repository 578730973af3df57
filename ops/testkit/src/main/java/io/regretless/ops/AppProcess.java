package io.regretless.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application as an operator runs it: {@code regretless run} in its own JVM, so a test can
 * scrape its HTTP endpoint, stop it with SIGTERM or kill it with SIGKILL.
 */
public final class AppProcess implements AutoCloseable {
    private static final int TAIL_LINES = 300;
    private static final Pattern URL = Pattern.compile("http: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;
    private final java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code run --config <config>} with the given environment and waits for its HTTP port. */
    public static AppProcess start(Path config, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"), "io.regretless.ops.Main",
            "run", "--config", config.toString(), "--http-host", "127.0.0.1", "--http-port", "0");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
                AppProcess app = new AppProcess(process, Integer.parseInt(m.group(1)));
                Thread drain = new Thread(() -> out.lines().forEach(app::remember), "app-output");
                drain.setDaemon(true);
                drain.start();
                return app;
            }
        }
        throw new IllegalStateException("the app exited before serving HTTP:\n" + seen);
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The app's last lines of output, for failure messages. */
    public synchronized String outputTail() {
        return String.join("\n", tail);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for the app to exit by itself; true if it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit code; only once the app has exited. */
    public int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no commit, no clean close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits; true if it stopped in time. */
    public boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop()) {
            kill();
        }
    }
}
