package io.regretless.ops.broker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the command line of a child JVM that sees the same classes as this one. */
final class ChildJvm {
    private ChildJvm() {}

    /**
     * {@code java @<dir>/jvm.args}, where the argument file holds the given options, logging
     * settings for the child, and this JVM's class path made absolute. An argument file keeps long
     * class paths (Maven repositories) clear of command-line length limits.
     */
    static List<String> command(Path dir, List<String> jvmOptions) throws IOException {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Djava.awt.headless=true");
        // The child's stdout/stderr is a log file: log Kafka at INFO with timestamps, whatever
        // simplelogger.properties the shared class path carries. System properties win over that file.
        options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        options.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info");
        options.add("-Dorg.slf4j.simpleLogger.log.kafka=info");
        options.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        options.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
        options.add("-cp");
        options.add(absoluteClassPath());
        Path argFile = dir.resolve("jvm.args");
        String text = options.stream().map(ChildJvm::quote).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(argFile, text, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "@" + argFile);
    }

    private static String absoluteClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> new File(entry).getAbsolutePath())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Quotes one argument for a java argument file (backslash escapes apply inside quotes). */
    private static String quote(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
