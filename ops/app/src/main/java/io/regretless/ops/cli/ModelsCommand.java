package io.regretless.ops.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.regretless.schemas.ModelReset;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.config.RegretlessConfig;

/**
 * Reads models from a running instance over its HTTP endpoint (which asks the instance that
 * hosts a model): list them, show one's summary and version, export its stored state.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List, show or export models of a running instance (through its HTTP endpoint); reset a bandit "
        + "model to its prior.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Export.class,
        ModelsCommand.Reset.class})
public final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "name one of: list, show, export, reset");
    }

    /**
     * Starts a bandit model again from its prior: a {@code ModelReset} goes into the model's own
     * update log ({@code <prefix>.learning-updates}, keyed by the model id), so the task that owns
     * the model deletes its state where its updates are applied, in order, and withdraws its
     * published model. The way out of a model whose stored state contradicts a changed configuration.
     */
    @Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Start a bandit model again from its prior (its stored state is deleted, its published model "
            + "withdrawn): the way out when a changed learner, dimension or sharing contradicts the stored state.")
    static final class Reset implements Callable<Integer> {
        @Parameters(paramLabel = "MODEL", description = "The bandit model id.")
        String model;

        @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The application's properties file (bootstrap.servers, security, regretless.topic.prefix, models).")
        Path config;

        @Option(names = "--reason", defaultValue = "", description = "Why, for the application's log.")
        String reason;

        @Override
        public Integer call() throws IOException, InterruptedException, ExecutionException {
            Properties props = RunCommand.load(config, System.getenv());
            RegretlessConfig app = RegretlessConfig.fromProperties(props);
            if (!app.models().containsKey(model)) {
                System.err.println("'" + model + "' is not a bandit model of " + config + "; its bandit models: "
                    + app.models().keySet() + " (conformal and experts models are not reset this way)");
                return 1;
            }
            String topic = app.topics().learningUpdates();
            ModelReset reset = new ModelReset(model, reason,
                System.currentTimeMillis());
            try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(ClientSettings.producer(props),
                         new ByteArraySerializer(),
                         new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, null, reset.getTimestamp(),
                    model.getBytes(StandardCharsets.UTF_8),
                    AvroCodec.of(ModelReset.class).encode(reset))).get();
            }
            System.out.println("reset of '" + model + "' sent to " + topic + ": the application starts it again from its "
                + "prior when it reads it, and withdraws its published model");
            return 0;
        }
    }

    abstract static class Remote implements Callable<Integer> {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "An instance's HTTP endpoint (default: ${DEFAULT-VALUE}).")
        String url;

        /**
         * GETs {@code path} from the instance.
         *
         * @throws IllegalStateException saying so when no instance answers at {@link #url}, or with
         *     the instance's own answer when it is not 200
         */
        HttpResponse<byte[]> get(String path) throws InterruptedException {
            String base = url.replaceAll("/+$", "");
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<byte[]> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                throw new IllegalStateException("no Regretless instance answers at " + base + ": start one (run --config "
                    + "<file> serves HTTP on --http-port, 8080 by default) or point --url at a running one");
            } catch (IOException e) {
                throw new IllegalStateException(base + path + " failed: " + e, e);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(new String(response.body(), StandardCharsets.UTF_8).strip()
                    + " (" + base + path + " answered " + response.statusCode() + ")");
            }
            return response;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The configured models and their kinds, as JSON.")
    static final class ListModels extends Remote {
        @Override
        public Integer call() throws Exception {
            System.out.println(new String(get("/models").body()));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One model's summary (learner, version, arms or radius), as JSON.")
    static final class Show extends Remote {
        @Parameters(paramLabel = "MODEL", description = "The model id.")
        String model;

        @Override
        public Integer call() throws Exception {
            System.out.println(new String(get("/models/" + model).body()));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write one model's state: its JSON summary, or the stored single-object Avro bytes.")
    static final class Export extends Remote {
        @Parameters(paramLabel = "MODEL", description = "The model id.")
        String model;

        @Option(names = "--format", description = "avro or json (default: json when FILE ends with .json, else avro).")
        String format;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write it.")
        Path out;

        @Override
        public Integer call() throws Exception {
            String chosen = format != null ? format : out.getFileName().toString().endsWith(".json") ? "json" : "avro";
            if (!chosen.equals("avro") && !chosen.equals("json")) {
                throw new IllegalArgumentException("--format must be avro or json, got '" + format + "'");
            }
            byte[] body = get("/models/" + model + (chosen.equals("avro") ? "?format=avro" : "")).body();
            Files.write(out, body);
            System.out.println("wrote " + body.length + " bytes of " + model + " (" + chosen + ") to " + out.toAbsolutePath());
            return 0;
        }
    }
}
