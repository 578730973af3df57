package io.regretless.ops.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Main class of the child JVM started by {@link EmbeddedKafkaBroker}.
 *
 * <p>Arguments: {@code <server.properties> <cluster-id> [extra StorageTool format arguments...]}.
 * Formats the storage (once) and then runs {@code kafka.Kafka} in this JVM. The process exits
 * when its standard input reaches end-of-file, so it never outlives the parent that holds the
 * pipe. Exit codes: 0 after a stdin-triggered shutdown, 2 for bad arguments, otherwise the
 * storage tool's or the broker's own code.
 */
public final class BrokerProcess {
    /** If the broker's own shutdown hangs after stdin closed, halt after this long. */
    private static final long HALT_AFTER_MS = 30_000;

    private BrokerProcess() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BrokerProcess <server.properties> <cluster-id> [format args...]");
            System.exit(2);
        }
        watchStdin();
        String properties = args[0];
        if (!Files.exists(Path.of(logDir(properties), "meta.properties"))) {
            List<String> format = new ArrayList<>(List.of("format", "-t", args[1], "-c", properties));
            format.addAll(Arrays.asList(args).subList(2, args.length));
            int rc = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.out);
            if (rc != 0) {
                System.err.println("StorageTool format failed with exit code " + rc);
                System.exit(rc);
            }
        }
        kafka.Kafka.main(new String[] {properties}); // blocks; exits the JVM itself
    }

    private static String logDir(String propertiesFile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(propertiesFile))) {
            p.load(in);
        }
        String dirs = p.getProperty("log.dirs", p.getProperty("log.dir", "/tmp/kafka-logs"));
        return dirs.split(",")[0].trim();
    }

    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                while (System.in.read(buf) >= 0) {
                    // the parent never writes; we only wait for end-of-file
                }
            } catch (IOException e) {
                // treat a broken pipe like end-of-file
            }
            System.err.println("BrokerProcess: stdin closed, shutting down");
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MS);
                } catch (InterruptedException ignored) {
                    // halt anyway
                }
                System.err.println("BrokerProcess: shutdown took too long, halting");
                Runtime.getRuntime().halt(1);
            }, "broker-halter");
            halter.setDaemon(true);
            halter.start();
            System.exit(0); // runs kafka.Kafka's shutdown hook
        }, "broker-stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
