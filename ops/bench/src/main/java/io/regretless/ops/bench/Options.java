package io.regretless.ops.bench;

import java.util.Locale;

import io.regretless.bandit.LearnerKind;

/**
 * What one {@link EndToEndBenchmark} run measures.
 *
 * @param requests         measured requests (after the warm-up)
 * @param warmup           requests sent and completed before measuring, through the same app
 * @param models           model ids the requests are spread over, round-robin; one per partition
 *                         fills every partition
 * @param learner          learner short name: linucb, lints, squarecb or egreedy (disjoint models)
 * @param dimension        hashed feature dimension d of every model
 * @param actions          candidate actions per request
 * @param contextFeatures  context features per request; each action also carries one feature
 * @param partitions       partitions of every input and output topic
 * @param inFlight         the bandit loop's window: at most this many requests are sent without
 *                         their decision consumed
 * @param passThroughInFlight the pass-through app's window (its copy consumed), or 0 for none:
 *                         every record is sent at once, so its throughput is the app's ceiling
 * @param commitIntervalMs Kafka Streams {@code commit.interval.ms} of both apps; under
 *                         exactly-once, outputs become visible only when a commit ends
 * @param threads          Kafka Streams {@code num.stream.threads} of every app
 * @param keys             what requests and rewards are keyed by: {@code request} (their request id,
 *                         as the application wants them) or {@code model} (the model id: records
 *                         read on another partition than their request id's are forwarded, which
 *                         prices that routing)
 */
public record Options(int requests, int warmup, int models, String learner, int dimension, int actions,
                      int contextFeatures, int partitions, int inFlight, int passThroughInFlight,
                      long commitIntervalMs, int threads, String keys) {

    public Options {
        requirePositive("requests", requests);
        requirePositive("models", models);
        requirePositive("dimension", dimension);
        requirePositive("actions", actions);
        requirePositive("contextFeatures", contextFeatures);
        requirePositive("partitions", partitions);
        requirePositive("inFlight", inFlight);
        requirePositive("commitIntervalMs", commitIntervalMs);
        requirePositive("threads", threads);
        if (!keys.equals("request") && !keys.equals("model")) {
            throw new IllegalArgumentException("keys must be request or model, got '" + keys + "'");
        }
        if (warmup < 0 || passThroughInFlight < 0) {
            throw new IllegalArgumentException("warmup and passThroughInFlight must be >= 0");
        }
        learner = LearnerKind.parse(learner).shortName();
    }

    /**
     * 20,000 requests after 2,000 of warm-up, 4 linucb models with d = 32, 10 actions and 20
     * context features per request, 2 partitions, 1,000 requests in flight (the bandit loop runs
     * near its capacity), no window for the pass-through app, commit.interval.ms = 100 (the
     * application's default), 2 stream threads: a few minutes on two cores.
     */
    public static Options defaults() {
        return new Options(20_000, 2_000, 4, "linucb", 32, 10, 20, 2, 1_000, 0, 100, 2, "request");
    }

    /** The same with {@code models} models. */
    public Options withModels(int models) {
        return new Options(requests, warmup, models, learner, dimension, actions, contextFeatures, partitions, inFlight,
            passThroughInFlight, commitIntervalMs, threads, keys);
    }

    /**
     * The defaults with {@code name=value} overrides, one per argument, named as the record's
     * components (e.g. {@code requests=50000 learner=squarecb}).
     *
     * @throws IllegalArgumentException on an unknown name or a malformed value
     */
    public static Options parse(String... args) {
        Options o = defaults();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got '" + arg + "'");
            }
            String name = arg.substring(0, eq).replaceFirst("^--", "").toLowerCase(Locale.ROOT);
            String value = arg.substring(eq + 1);
            try {
                o = o.with(name, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + name + ": not a number: '" + value + "'", e);
            }
        }
        return o;
    }

    private Options with(String name, String value) {
        int r = requests, w = warmup, m = models, d = dimension, a = actions, f = contextFeatures;
        int p = partitions, in = inFlight, pin = passThroughInFlight, t = threads;
        String l = learner;
        String k = keys;
        long c = commitIntervalMs;
        switch (name) {
            case "requests" -> r = Integer.parseInt(value);
            case "warmup" -> w = Integer.parseInt(value);
            case "models" -> m = Integer.parseInt(value);
            case "learner" -> l = value;
            case "dimension" -> d = Integer.parseInt(value);
            case "actions" -> a = Integer.parseInt(value);
            case "contextfeatures" -> f = Integer.parseInt(value);
            case "partitions" -> p = Integer.parseInt(value);
            case "inflight" -> in = Integer.parseInt(value);
            case "passthroughinflight" -> pin = Integer.parseInt(value);
            case "commitintervalms" -> c = Long.parseLong(value);
            case "threads" -> t = Integer.parseInt(value);
            case "keys" -> k = value;
            default -> throw new IllegalArgumentException("unknown option '" + name + "'");
        }
        return new Options(r, w, m, l, d, a, f, p, in, pin, c, t, k);
    }

    /** One line naming every option, for the report. */
    public String describe() {
        return String.format(Locale.ROOT,
            "requests=%d warmup=%d models=%d learner=%s dimension=%d actions=%d contextFeatures=%d "
                + "partitions=%d inFlight=%d passThroughInFlight=%d commitIntervalMs=%d threads=%d",
            requests, warmup, models, learner, dimension, actions, contextFeatures, partitions, inFlight,
            passThroughInFlight, commitIntervalMs, threads, keys);
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
