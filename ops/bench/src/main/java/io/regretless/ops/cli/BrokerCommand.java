package io.regretless.ops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.kafka.common.utils.AppInfoParser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.regretless.ops.broker.EmbeddedKafkaBroker;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one child JVM) for trying Regretless
 * out on one machine: it prints its {@code bootstrap.servers} and stays up until SIGTERM or Ctrl-C,
 * whatever happens to its standard input, then stops the broker and exits 0.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Start a single-node Apache Kafka broker (KRaft) on 127.0.0.1 for trying things out; it runs until "
        + "Ctrl-C or SIGTERM. Not for production: one node, replication factor 1, reachable from this machine only.")
public final class BrokerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092",
        description = "The broker's port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Keep the broker's data, configuration and log in DIR, so a broker started again on it has the "
            + "same topics and records (default: a temporary directory, deleted when the broker stops).")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = new StopSignal("regretless-broker");
        EmbeddedKafkaBroker broker = null;
        try {
            EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port);
            if (dir != null) {
                builder.directory(dir);
            }
            broker = builder.start();
            out.println("Kafka " + AppInfoParser.getVersion() + " broker (single node, KRaft) ready in "
                + String.format(Locale.ROOT, "%.1f", broker.startupTime().toMillis() / 1000.0) + " s");
            out.println("bootstrap.servers=" + broker.bootstrapServers());
            out.println("data and log: " + broker.directory() + (dir == null ? " (deleted when the broker stops)" : " (kept)"));
            out.println("stop it with Ctrl-C or SIGTERM");
            out.flush();
            stop.await();
            out.println("stopping the broker");
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (broker != null) {
                broker.close();
            }
            stop.finish(broker == null ? 1 : 0);
        }
        return 0;
    }
}
