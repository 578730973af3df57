package io.regretless.ops.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads models from a running instance over its HTTP endpoint (which asks the instance that
 * hosts a model): list them, show one's summary and version, export its stored state.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List, show or export models of a running instance (through its HTTP endpoint).",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Export.class})
public final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name one of: list, show, export");
    }

    abstract static class Remote implements Callable<Integer> {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "An instance's HTTP endpoint (default: ${DEFAULT-VALUE}).")
        String url;

        HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<byte[]> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(path + " answered " + response.statusCode() + ": " + new String(response.body()));
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

        @Option(names = "--format", defaultValue = "avro", description = "avro or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write it.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("avro") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be avro or json, got '" + format + "'");
            }
            byte[] body = get("/models/" + model + (format.equals("avro") ? "?format=avro" : "")).body();
            Files.write(out, body);
            System.out.println("wrote " + body.length + " bytes of " + model + " (" + format + ") to " + out.toAbsolutePath());
            return 0;
        }
    }
}
