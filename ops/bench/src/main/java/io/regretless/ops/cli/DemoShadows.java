package io.regretless.ops.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.regretless.connectors.replay.ClassificationBandit;
import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.ops.RegretlessApp;
import io.regretless.ops.evaluation.EvaluationTable;
import io.regretless.ops.evaluation.OfflineEvaluation;
import io.regretless.ops.report.TopicReader;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.evaluation.EvaluationTopology;
import io.regretless.topology.evaluation.PolicyEvaluations;

/**
 * The demo's shadow evaluation, at the end of the replay: waits until the application has scored
 * every decision of the model, reads its estimates from the store (what {@code /models/{id}/evaluation}
 * serves), evaluates the same candidates again from the feedback topic with {@code evaluate}'s code,
 * and prints the table with each candidate's true progressive reward, which the replay can compute:
 * on a logged digit x with label y a candidate's expected reward is π(y|x), so its true value on the
 * log is the mean of π_t(y_t|x_t) over the rounds, with the π_t it was scored with.
 */
final class DemoShadows {
    /** How long the application may make no progress on the evaluation before the demo gives up. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);

    /**
     * What was shown.
     *
     * @param offline   the evaluation recomputed from the feedback topic
     * @param truth     each candidate's true progressive reward on the log
     * @param inApp     the application's estimates, as its store held them
     * @param identical whether the application's estimates equal the recomputed ones exactly
     */
    record Result(ShadowEvaluation offline, Map<String, Double> truth, PolicyEvaluation inApp, boolean identical) {
    }

    private DemoShadows() {
    }

    /** @param export where to write the model's feedback as JSON lines, or null */
    static Result show(PrintStream out, RegretlessApp app, Properties client, String modelId, long decisions,
                       ClassificationBandit environment, Path export) throws InterruptedException, IOException {
        ModelConfig model = app.config().models().get(modelId);
        PolicyEvaluation inApp = await(app, model, modelId, decisions);
        ShadowEvaluation.Setup setup = model.shadows().setup(model.bandit());
        double[] truth = new double[setup.candidates().size()];
        OfflineEvaluation offline = new OfflineEvaluation(setup, modelId, (round, probabilities) -> {
            int label = labelIndex(round, environment);
            for (int c = 0; c < truth.length; c++) {
                truth[c] += probabilities[c][label];
            }
        });
        List<byte[]> exported = new ArrayList<>();
        TopicReader.readAll(client, app.config().topics().feedback(), value -> {
            long rounds = offline.evaluation().rounds();
            offline.accept(value);
            if (export != null && offline.evaluation().rounds() > rounds) {
                exported.add(FEEDBACK.encode(FEEDBACK.decode(value), WireFormat.JSON));
            }
        });
        if (export != null) {
            try (OutputStream file = Files.newOutputStream(export)) {
                for (byte[] line : exported) {
                    file.write(line);
                    file.write('\n');
                }
            }
        }
        ShadowEvaluation e = offline.evaluation();
        Map<String, Double> truths = new LinkedHashMap<>();
        for (int c = 0; c < truth.length; c++) {
            truths.put(e.name(c), truth[c] / e.rounds());
        }
        PolicyEvaluation recomputed = PolicyEvaluations.of(modelId, e, inApp.getTimestamp());
        boolean identical = recomputed.getRounds() == inApp.getRounds()
            && recomputed.getCandidates().equals(inApp.getCandidates());
        out.printf(Locale.ROOT, "%nshadow policies on %s's log: %,d decisions, each scored by every candidate before it "
            + "learned it; the logged policy earned %.3f%n", modelId, e.rounds(), e.rewards().mean());
        out.print(EvaluationTable.render(e, List.of("ips", "snips", "dr"), truths));
        out.println("true = the candidate's own expected reward on the logged digits, the mean of pi(label | x) with the "
            + "pi it was scored with: what IPS, SNIPS and DR estimate");
        out.printf(Locale.ROOT, "the application's estimates (GET /models/%s/evaluation) and evaluate's, recomputed from "
            + "the feedback topic: %s%n", modelId, identical ? "identical" : "DIFFERENT (" + inApp.getRounds() + " and "
            + recomputed.getRounds() + " rounds)");
        return new Result(e, truths, inApp, identical);
    }

    /** The application's estimates once it has scored {@code decisions} rounds; fails after a stall. */
    private static PolicyEvaluation await(RegretlessApp app, ModelConfig model, String modelId, long decisions)
            throws InterruptedException {
        long rounds = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, byte[]> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                    EvaluationTopology.evaluationStoreName(), QueryableStoreTypes.<String, byte[]>keyValueStore()));
                byte[] stored = store.get(modelId);
                if (stored != null) {
                    PolicyEvaluation evaluation = PolicyEvaluations.fromStore(stored, model);
                    if (evaluation.getRounds() >= decisions) {
                        return evaluation;
                    }
                    if (evaluation.getRounds() > rounds) {
                        rounds = evaluation.getRounds();
                        lastProgress = System.nanoTime();
                    }
                }
            } catch (InvalidStateStoreException notQueryableNow) {
                // a rebalance or restore: ask again
            }
            if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("the shadow evaluation of " + modelId + " made no progress for "
                    + STALL.toSeconds() + " s: " + Math.max(rounds, 0) + " of " + decisions + " decisions scored");
            }
            Thread.sleep(100);
        }
    }

    /** The index of the row's label among the round's candidates; the request id ends with the row. */
    private static int labelIndex(LoggedChoice round, ClassificationBandit environment) {
        String id = round.requestId();
        int row = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        String label = environment.correctAction(row);
        for (int a = 0; a < round.actions().size(); a++) {
            if (round.actions().get(a).getId().equals(label)) {
                return a;
            }
        }
        throw new IllegalStateException("request " + id + " does not offer its label " + label);
    }
}
