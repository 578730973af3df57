package io.regretless.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;

/**
 * Best-effort removal of what a benchmark or demo run leaves behind: its topics and its local
 * state directory. Failures are reported on stderr, never thrown: cleanup must not hide the
 * run's own result or error.
 */
public final class RunCleanup {
    private RunCleanup() {
    }

    /** Deletes the run's topics and its applications' internal topics: all start with {@code runId}. */
    public static void deleteTopicsOf(Map<String, Object> client, String runId) {
        try (Admin admin = Admin.create(client)) {
            List<String> ours = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(runId + ".") || name.startsWith(runId + "-"))
                .toList();
            admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete the topics of " + runId + ": " + e);
        }
    }

    /** Deletes a directory and everything under it, if it exists. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
