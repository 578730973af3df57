package io.regretless.ops.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One {@code regretless} command as a user runs it from a shell: its own JVM (this JVM's
 * {@code java} and class path, {@code io.regretless.ops.Main}) in a working directory, with the
 * given standard input, its output kept line by line. Waits fail on a stall of {@link Progress},
 * not on a fixed deadline.
 */
public final class CommandProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread[] readers;

    private CommandProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.readers = new Thread[] {reader(process.getInputStream(), stdout, "out"), reader(process.getErrorStream(), stderr, "err")};
    }

    /** Starts {@code regretless args...} in {@code workDir}; {@code stdin} is written and closed (null: closed at once). */
    public static CommandProcess start(Path workDir, String stdin, List<String> args) throws IOException {
        return start("io.regretless.ops.Main", workDir, stdin, args);
    }

    /** Starts the command line {@code mainClass} (the application's, or the benchmarks' {@code BenchMain}) with {@code args}. */
    public static CommandProcess start(String mainClass, Path workDir, String stdin, List<String> args) throws IOException {
        return start(List.of("-Xmx384m", "-XX:+UseSerialGC"), mainClass, workDir, stdin, args);
    }

    /** Starts {@code mainClass} with {@code args} in a JVM given {@code jvmOptions} (heap, collector) instead of the small test JVM's. */
    public static CommandProcess start(List<String> jvmOptions, String mainClass, Path workDir, String stdin, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", absoluteClassPath(), mainClass));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new CommandProcess(args, process);
    }

    private Thread reader(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                    }
                }
            } catch (IOException closed) {
                // the process is gone
            }
        }, "command-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the command to exit and returns its exit code, failing if {@code progress} stalls first. */
    public int awaitExit(Progress progress) throws InterruptedException {
        progress.awaitTrue(() -> !process.isAlive(), this::describe);
        process.waitFor();
        for (Thread reader : readers) {
            reader.join();
        }
        return process.exitValue();
    }

    /** Waits for a line of standard output matching {@code pattern}, failing if the command exits or {@code progress} stalls first. */
    public Matcher awaitLine(Pattern pattern, Progress progress) throws InterruptedException {
        Matcher[] found = new Matcher[1];
        progress.awaitTrue(() -> {
            for (String line : stdout()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    found[0] = m;
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the command exited (" + process.exitValue() + ") before printing a line matching "
                    + pattern + "\n" + describe());
            }
            return false;
        }, this::describe);
        return found[0];
    }

    /**
     * Waits for a line of standard output matching {@code pattern} or the command's exit, for a
     * command that bounds its own wait (the broker fails after its startup timeout).
     */
    public Matcher awaitLine(Pattern pattern) throws InterruptedException {
        while (true) {
            for (String line : stdout()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                process.waitFor();
                for (Thread reader : readers) {
                    reader.join();
                }
                throw new AssertionError("the command exited (" + process.exitValue() + ") before printing a line matching "
                    + pattern + "\n" + describe());
            }
            Thread.sleep(100);
        }
    }

    /** The process, to find what it started. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM, then waits for the exit; its exit code, failing if {@code progress} stalls first. */
    public int stop(Progress progress) throws InterruptedException {
        // through the handle: Process.destroy() also closes the pipes, losing what the command prints as it stops
        process.toHandle().destroy();
        return awaitExit(progress);
    }

    public synchronized List<String> stdout() {
        return List.copyOf(stdout);
    }

    public synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Lines printed so far on either stream, a sign of progress. */
    public synchronized int linesPrinted() {
        return stdout.size() + stderr.size();
    }

    /** The command and what it printed, for failure messages. */
    public synchronized String describe() {
        return "regretless " + String.join(" ", command) + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
            + "\n--- stdout ---\n" + String.join("\n", tail(stdout)) + "\n--- stderr ---\n" + String.join("\n", tail(stderr));
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 80), lines.size());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(entry -> new File(entry).getAbsolutePath())
            .collect(Collectors.joining(File.pathSeparator));
    }
}
