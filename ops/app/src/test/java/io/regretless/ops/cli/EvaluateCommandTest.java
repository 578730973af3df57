package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.evaluation.Estimate;
import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * {@code evaluate} on an exported JSON-lines log: one table with every candidate's estimates, the
 * same numbers the plain-Java shadow evaluation gives on the same records; bad records refused
 * with their reason and left out.
 */
class EvaluateCommandTest {
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);

    /** A log of a logging policy that prefers 'a': n records of model m. */
    static List<Feedback> log(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Action> actions = List.of(new Action("a", Map.of()), new Action("b", Map.of("f", 1.0)),
            new Action("c", Map.of("f", -1.0)));
        List<Feedback> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble();
            double[] p = {0.5, 0.3, 0.2};
            double u = random.nextDouble();
            int chosen = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            double mean = chosen == 1 ? x : chosen == 2 ? 1 - x : 0.5;
            List<ActionProbability> probabilities = List.of(new ActionProbability("a", p[0]),
                new ActionProbability("b", p[1]), new ActionProbability("c", p[2]));
            DecisionRequest request = new DecisionRequest("r" + i, "m", (long) i, Map.of("x", x), actions);
            Decision decision = new Decision("r" + i, "m", actions.get(chosen).getId(), p[chosen], probabilities, 0L,
                "logger", (long) i);
            out.add(new Feedback(request, decision, random.nextDouble() < mean ? 1.0 : 0.0, true, (long) i));
        }
        return out;
    }

    @Test
    void printsOneTableOfTheSameEstimatesAsTheShadowEvaluation(@TempDir Path dir) throws Exception {
        List<Feedback> log = log(400, 1);
        List<String> lines = new ArrayList<>();
        for (Feedback f : log) {
            lines.add(new String(FEEDBACK.encode(f, WireFormat.JSON), StandardCharsets.UTF_8));
        }
        Feedback zero = log(1, 2).get(0);
        zero.getRequest().setRequestId("bad");
        zero.getDecision().setRequestId("bad");
        zero.getDecision().setPropensity(0.0);
        lines.add(new String(FEEDBACK.encode(zero, WireFormat.JSON), StandardCharsets.UTF_8));
        lines.add("{\"request\": {}}");
        lines.add(lines.get(0));
        Path file = dir.resolve("feedback.jsonl");
        Files.write(file, lines);

        CommandRun run = CommandRun.of("evaluate", "--file", file.toString(), "--candidates", "linucb:alpha=0.2,uniform",
            "--dimension", "16");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("model m, from " + file + ": 400 logged decisions scored of 403 records read (2 refused, "
            + "1 repeated request ids, 0 of other models)"), out);
        assertTrue(out.contains("refused INVALID_RECORD: 2"), out);
        assertTrue(out.contains("/decision/propensity: 0.0 is outside (0, 1]"), out);

        ShadowEvaluation expected = ShadowEvaluation.start(new ShadowEvaluation.Setup(
            new BanditConfig(LearnerKind.LINUCB, false, 16, 1.0, 1.0, 42L, 32),
            CandidateSpec.parseList("linucb:alpha=0.2,uniform"), 0.0, 1.0, 10.0));
        log.forEach(f -> expected.score(LoggedChoice.of(f)));
        for (ShadowEvaluation.CandidateEstimates c : expected.estimates()) {
            for (String estimator : EvaluateCommand.ESTIMATORS) {
                Estimate e = c.estimate(estimator);
                String row = String.format(Locale.ROOT, "%-11s %9.4f  [%.4f, %.4f]", estimator, e.value(),
                    e.normal().lower(), e.normal().upper());
                assertTrue(out.contains(row), c.candidate() + ": expected a row " + row + " in\n" + out);
            }
        }
        assertTrue(out.contains(String.format(Locale.ROOT, "logged policy: average reward %.4f",
            expected.rewards().mean())), out);
    }

    @Test
    void deployedNeedsTheModelsConfiguration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        Files.writeString(file, new String(FEEDBACK.encode(log(1, 3).get(0), WireFormat.JSON), StandardCharsets.UTF_8));
        CommandRun run = CommandRun.of("evaluate", "--file", file.toString(), "--candidates", "deployed");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'deployed' is the model's configuration: give --config and --model"), run.err());

        Path config = CommandRun.config(dir, "regretless.model.checkout.shadows=deployed,uniform");
        List<Feedback> log = log(50, 4);
        List<String> lines = new ArrayList<>();
        for (Feedback f : log) {
            f.getRequest().setModelId("checkout");
            f.getDecision().setModelId("checkout");
            lines.add(new String(FEEDBACK.encode(f, WireFormat.JSON), StandardCharsets.UTF_8));
        }
        Files.write(file, lines);
        CommandRun withModel = CommandRun.of("evaluate", "--config", config.toString(), "--model", "checkout",
            "--file", file.toString());
        assertEquals(0, withModel.exitCode(), withModel.err());
        assertTrue(withModel.out().contains("50 logged decisions scored"), withModel.out());
        assertTrue(withModel.out().contains("deployed "), "the model's own shadows are the default candidates: "
            + withModel.out());
    }

    @Test
    void aMistypedCandidateIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        Files.writeString(file, "");
        CommandRun run = CommandRun.of("evaluate", "--file", file.toString(), "--candidates", "linucb:alfa=1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--candidates: candidate 'linucb:alfa=1': unknown option 'alfa'"), run.err());
    }
}
