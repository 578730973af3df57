package io.regretless.ops.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.regretless.ops.bench.RunCleanup;

/**
 * What one replay owns on the cluster and on disk, and its removal: a fresh run id
 * ({@code <kind>-<random>}) that names its topics and its applications (so their internal topics
 * start with it too), and a local state directory. {@link #close} deletes every topic whose name
 * starts with the run id and the state directory, best effort: cleanup never hides the run's own
 * result or error.
 */
public final class ReplayRun implements AutoCloseable {
    private final Map<String, Object> client;
    private final String id;
    private final Path stateDir;

    private ReplayRun(Map<String, Object> client, String id, Path stateDir) {
        this.client = Map.copyOf(client);
        this.id = id;
        this.stateDir = stateDir;
    }

    /** A run named {@code <kind>-<8 random hex digits>} on the cluster {@code client} reaches. */
    public static ReplayRun open(Map<String, Object> client, String kind) {
        try {
            return new ReplayRun(client, kind + "-" + UUID.randomUUID().toString().substring(0, 8),
                Files.createTempDirectory("regretless-" + kind + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run id: the topic prefix and the applications' id prefix. */
    public String id() {
        return id;
    }

    /** The applications' {@code state.dir}. */
    public Path stateDir() {
        return stateDir;
    }

    /** Deletes the run's topics (of every application too) and its state directory. */
    @Override
    public void close() {
        try {
            RunCleanup.deleteTopicsOf(client, id);
        } finally {
            RunCleanup.deleteRecursively(stateDir);
        }
    }
}
