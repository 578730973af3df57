package io.regretless.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.regretless.ops.RegretlessApp;

/**
 * Runs the application against an existing Kafka cluster until it is stopped (SIGTERM or Ctrl-C
 * close it cleanly, committing what was processed).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the application against a Kafka cluster. Every Kafka Streams and client setting "
        + "in the file passes through; regretless.* settings configure the models.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "Properties file: application.id, bootstrap.servers, regretless.* and any Kafka setting.")
    Path config;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(config)) {
            throw new IOException("config file not found or not a file: " + config.toAbsolutePath());
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            props.load(in);
        }
        RegretlessApp app = new RegretlessApp(props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "regretless-shutdown"));
        app.start(Duration.ofMinutes(5));
        System.out.println("regretless running: " + app.config().models().keySet() + " on "
            + app.config().topics().prefix() + ".*");
        stopped.await();
        return 0;
    }
}
