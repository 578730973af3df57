package io.regretless.ops.bench;

import java.util.Locale;

/**
 * The figures of one {@link EndToEndBenchmark} run.
 *
 * @param options     what was run
 * @param bandit      the bandit loop with {@link Options#models()} models: a record completes when
 *                    its feedback (decide + join + learn) is consumed; its latency ends when its
 *                    decision is consumed
 * @param passThrough a {@code stream(in).to(out)} app over the same request bytes
 * @param oneModel    the bandit loop with all requests on one model
 * @param meanReward  the bandit loop's mean reward over the measured requests (uniform random
 *                    earns about {@code 1 / actions})
 */
public record Report(Options options, PhaseResult bandit, PhaseResult passThrough, PhaseResult oneModel,
                     double meanReward) {

    /** A Markdown table of throughput and latency, preceded by the options. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("End-to-end benchmark, exactly_once_v2, ").append(options.describe()).append('\n');
        out.append("| app | in flight | records | throughput (records/s) | latency p50 (ms) | p99 (ms) | max (ms) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        row(out, "bandit loop, " + options.models() + " models (decide + join + learn)", Integer.toString(options.inFlight()),
            bandit);
        row(out, "bandit loop, 1 model", Integer.toString(options.inFlight()), oneModel);
        row(out, "pass-through stream(in).to(out)",
            options.passThroughInFlight() == 0 ? "all" : Integer.toString(options.passThroughInFlight()), passThrough);
        out.append(String.format(Locale.ROOT,
            "Bandit latency: request produced -> decision consumed. Pass-through latency: record produced -> copy consumed;%n"
                + "with every record in flight at once it is queueing time, and the throughput is the app's ceiling.%n"
                + "Bandit mean reward %.3f (uniform random %.3f).%n",
            meanReward, 1.0 / options.actions()));
        out.append(String.format(Locale.ROOT, "loop/pass-through throughput ratio: %.3f%n",
            bandit.throughput() / passThrough.throughput()));
        out.append(String.format(Locale.ROOT, "one-model/%s-model throughput ratio: %.3f%n", modelsWord(options.models()),
            oneModel.throughput() / bandit.throughput()));
        return out.toString();
    }

    private static String modelsWord(int models) {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
        return models < words.length ? words[models] : Integer.toString(models);
    }

    private static void row(StringBuilder out, String name, String inFlight, PhaseResult r) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.1f | %.1f | %.1f |%n", name, inFlight, r.records(),
            r.throughput(), r.latencies().percentileMillis(50), r.latencies().percentileMillis(99),
            r.latencies().maxMillis()));
    }
}
