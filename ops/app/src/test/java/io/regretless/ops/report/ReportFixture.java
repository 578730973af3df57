package io.regretless.ops.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.ExpertWeight;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.GroupCoverage;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.topology.evaluation.PolicyEvaluations;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.Topics;

/**
 * A deployment's output topics as the report finds them after a run, an at-least-once restart
 * that wrote a few records twice in a row, and a replay from offset 0 that wrote the first part
 * of every topic again with different values (a changed learner would do that). Values are the
 * single-object Avro bytes the application writes, plus a few unreadable ones.
 *
 * <p>The fixture keeps the first copy of every record ({@link #firstFeedback} etc.), from which
 * the tests compute what the report must show, and the number of copies and unreadable values it
 * wrote per topic.
 */
final class ReportFixture {
    static final Topics TOPICS = new Topics("t");
    static final String SQUARECB = "digits-squarecb";
    static final String LINUCB = "digits-linucb";
    static final String TEMPERATURE = "temperature";
    static final String LOAD = "load";
    static final String CLAIMS = "claims";
    static final String CHURN = "churn";
    static final int LCE_WINDOW = 50;
    static final List<String> SEASONS = List.of("season:winter", "season:spring", "season:summer", "season:fall");

    final Map<String, List<byte[]>> values = new LinkedHashMap<>();
    final Map<String, List<Feedback>> firstFeedback = new TreeMap<>();
    final Map<String, List<ConformalLabel>> firstLabels = new TreeMap<>();
    final Map<String, Map<String, List<Double>>> firstGroupLosses = new TreeMap<>();
    final Map<String, List<String>> expertNames = new TreeMap<>();
    final List<DeadLetter> firstDeadLetters = new ArrayList<>();
    final List<PolicyEvaluation> firstPolicyEvaluations = new ArrayList<>();
    final Map<ReportTopic, Integer> copiesWritten = new EnumMap<>(ReportTopic.class);
    final Map<ReportTopic, Integer> unreadableWritten = new EnumMap<>(ReportTopic.class);
    private final Random random = new Random(20261202L);

    /**
     * One scored label of a conformal series: whether its interval covered it, the interval's half-width, and the
     * groups its prediction named.
     */
    record ConformalLabel(boolean covered, double halfWidth, List<String> groups) {
    }

    static ReportFixture replayed() {
        ReportFixture f = new ReportFixture();
        for (ReportTopic t : ReportTopic.values()) {
            f.copiesWritten.put(t, 0);
            f.unreadableWritten.put(t, 0);
        }
        f.bandits();
        f.conformal();
        f.experts();
        f.shadows();
        f.deadLetters();
        return f;
    }

    EvaluationReport.Source source() {
        return (topic, sink) -> values.getOrDefault(topic, List.of()).forEach(sink);
    }

    ReportData data(double maxReward) {
        return EvaluationReport.collect(source(), TOPICS, maxReward);
    }

    private void bandits() {
        List<Feedback> squarecb = new ArrayList<>();
        List<Feedback> linucb = new ArrayList<>();
        for (int t = 0; t < 600; t++) {
            squarecb.add(squareCbFeedback(t, false));
            if (t < 500) {
                linucb.add(greedyFeedback(t));
            }
        }
        firstFeedback.put(SQUARECB, squarecb);
        firstFeedback.put(LINUCB, linucb);
        for (int t = 0; t < 600; t++) {
            write(TOPICS.feedback(), squarecb.get(t));
            if (t < 500) {
                write(TOPICS.feedback(), linucb.get(t));
            }
            if (t >= 300 && t < 310) {
                copy(ReportTopic.FEEDBACK, TOPICS.feedback(), linucb.get(t)); // at-least-once: written twice in a row
            }
            if (t == 250 || t == 420) {
                unreadable(ReportTopic.FEEDBACK, TOPICS.feedback());
            }
        }
        for (int t = 0; t < 200; t++) {
            copy(ReportTopic.FEEDBACK, TOPICS.feedback(), squareCbFeedback(t, true)); // the replay
        }
    }

    /** Three actions always offered, a fourth ('d') in every other request; rewards favour 'a'. */
    private Feedback squareCbFeedback(int t, boolean replay) {
        List<String> ids = t % 2 == 0 ? List.of("a", "b", "c", "d") : List.of("a", "b", "c");
        double[] p = new double[ids.size()];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.05 + random.nextDouble();
            sum += p[i];
        }
        List<ActionProbability> probabilities = new ArrayList<>();
        double u = random.nextDouble() * sum;
        int chosen = p.length - 1;
        for (int i = 0; i < p.length; i++) {
            probabilities.add(new ActionProbability(ids.get(i), p[i] / sum));
            if (u < p[i] && chosen == p.length - 1) {
                chosen = i;
            }
            u -= p[i];
        }
        double[] means = {0.7, 0.5, 0.3, 0.6};
        boolean observed = replay || random.nextDouble() < 0.9;
        double reward = observed && random.nextDouble() < means[chosen] ? 1.0 : 0.0;
        if (replay) {
            reward = 1 - reward;
            observed = false;
        }
        return feedback(SQUARECB, "squarecb", "r" + t, ids, probabilities, chosen, reward, observed, t);
    }

    /** A greedy learner: probability 1 on its choice, 0 on the others. */
    private Feedback greedyFeedback(int t) {
        List<String> ids = List.of("a", "b", "c");
        int chosen = t < 30 ? t % 3 : 0;
        List<ActionProbability> probabilities = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            probabilities.add(new ActionProbability(ids.get(i), i == chosen ? 1.0 : 0.0));
        }
        double reward = random.nextDouble() < (chosen == 0 ? 0.7 : 0.4) ? 1.0 : 0.0;
        return feedback(LINUCB, "linucb-disjoint", "r" + t, ids, probabilities, chosen, reward, true, t);
    }

    private static Feedback feedback(String model, String learner, String requestId, List<String> ids,
                                     List<ActionProbability> probabilities, int chosen, double reward, boolean observed,
                                     long t) {
        List<Action> actions = ids.stream().map(id -> new Action(id, Map.<String, Double>of())).toList();
        DecisionRequest request = new DecisionRequest(requestId, model, t, Map.of(), actions);
        Decision decision = new Decision(requestId, model, ids.get(chosen), probabilities.get(chosen).getProbability(),
            probabilities, t, learner, t);
        return new Feedback(request, decision, reward, observed, t + 1);
    }

    /**
     * Shadow policies on the squarecb model's log, published every 50 decisions; one record written
     * twice in a row, and a replay of the first three with another set of candidates.
     */
    private void shadows() {
        List<PolicyEvaluation> first = evaluations("linucb,uniform,deployed");
        firstPolicyEvaluations.addAll(first);
        for (int i = 0; i < first.size(); i++) {
            write(TOPICS.policyEvaluation(), first.get(i));
            if (i == 4) {
                copy(ReportTopic.POLICY_EVALUATION, TOPICS.policyEvaluation(), first.get(i));
                unreadable(ReportTopic.POLICY_EVALUATION, TOPICS.policyEvaluation());
            }
        }
        List<PolicyEvaluation> replay = evaluations("linucb:alpha=0.1,uniform,deployed");
        for (int i = 0; i < 3; i++) {
            copy(ReportTopic.POLICY_EVALUATION, TOPICS.policyEvaluation(), replay.get(i));
        }
    }

    private List<PolicyEvaluation> evaluations(String candidates) {
        ShadowEvaluation evaluation = ShadowEvaluation.start(new ShadowEvaluation.Setup(
            new BanditConfig(LearnerKind.SQUARECB, false, 8, 1.0, 1.0, 42L, 8), CandidateSpec.parseList(candidates),
            0.0, 1.0, 10.0));
        List<PolicyEvaluation> out = new ArrayList<>();
        List<Feedback> log = firstFeedback.get(SQUARECB);
        for (int t = 0; t < log.size(); t++) {
            evaluation.score(LoggedChoice.of(log.get(t)));
            if ((t + 1) % 50 == 0) {
                out.add(PolicyEvaluations.of(SQUARECB, evaluation, t));
            }
        }
        return out;
    }

    private void conformal() {
        ConformalRun temperature = conformalRun(TEMPERATURE, "multivalid", 0.9, 300, 0, 0.0, true);
        ConformalRun load = conformalRun(LOAD, "aci", 0.8, 240, 5, 0.0, false);
        firstLabels.put(TEMPERATURE, temperature.labels());
        firstLabels.put(LOAD, load.labels());
        for (int i = 0; i < 300; i++) {
            write(TOPICS.evaluation(), temperature.evaluations().get(i));
            if (i < 240) {
                write(TOPICS.evaluation(), load.evaluations().get(i));
            }
            if (i >= 200 && i < 205) {
                copy(ReportTopic.EVALUATION, TOPICS.evaluation(), temperature.evaluations().get(i));
            }
        }
        unreadable(ReportTopic.EVALUATION, TOPICS.evaluation());
        for (ConformalEvaluation e : conformalRun(TEMPERATURE, "multivalid", 0.9, 120, 0, 0.3, true).evaluations()) {
            copy(ReportTopic.EVALUATION, TOPICS.evaluation(), e); // the replay, with a worse calibrator
        }
    }

    private record ConformalRun(List<ConformalEvaluation> evaluations, List<ConformalLabel> labels) {
    }

    /**
     * Scores n labels of a series whose first {@code unbounded} intervals are unbounded, each missed
     * with probability 1 − target − 0.02 + missShift, and returns the evaluation after each, with the
     * running figures maintained label by label as the application does. When {@code grouped}, each prediction
     * names a season (a quarter of the run each) and a weather (sun or rain at random), and the evaluation reports
     * the running figures of those two groups.
     */
    private ConformalRun conformalRun(String series, String calibrator, double target, int n, int unbounded,
                                      double missShift, boolean grouped) {
        List<ConformalLabel> labels = new ArrayList<>();
        List<ConformalEvaluation> out = new ArrayList<>();
        Map<String, long[]> groupCounts = new TreeMap<>();
        int covered = 0;
        double widthSum = 0;
        double lce = Double.NaN;
        for (int t = 1; t <= n; t++) {
            double halfWidth = t <= unbounded ? Double.POSITIVE_INFINITY : 0.1 + 0.02 * Math.sin(t / 15.0)
                + 0.01 * random.nextDouble();
            boolean hit = t <= unbounded || random.nextDouble() < target + 0.02 - missShift;
            List<String> groups = !grouped ? List.of() : List.of(SEASONS.get(4 * (t - 1) / n),
                random.nextBoolean() ? "weather:sun" : "weather:rain");
            List<GroupCoverage> perGroup = new ArrayList<>();
            for (String g : groups) {
                long[] c = groupCounts.computeIfAbsent(g, k -> new long[2]);
                c[0]++;
                c[1] += hit ? 1 : 0;
                perGroup.add(new GroupCoverage(g, c[0], c[1] / (double) c[0]));
            }
            labels.add(new ConformalLabel(hit, halfWidth, groups));
            covered += hit ? 1 : 0;
            widthSum += 2 * halfWidth;
            double[] halves = labels.stream().mapToDouble(ConformalLabel::halfWidth).sorted().toArray();
            double median = halves.length % 2 == 1 ? halves[halves.length / 2]
                : (halves[halves.length / 2 - 1] + halves[halves.length / 2]) / 2;
            Double windowCoverage = null;
            if (t >= LCE_WINDOW) {
                windowCoverage = labels.subList(t - LCE_WINDOW, t).stream().filter(ConformalLabel::covered).count()
                    / (double) LCE_WINDOW;
                double error = Math.abs(windowCoverage - target);
                lce = Double.isNaN(lce) ? error : Math.max(lce, error);
            }
            out.add(new ConformalEvaluation(series, calibrator, target, (long) t, hit, covered / (double) t,
                Double.isFinite(widthSum) ? widthSum / t : null, Double.isFinite(median) ? median : null, LCE_WINDOW,
                windowCoverage, Double.isNaN(lce) ? null : lce, (long) t, perGroup));
        }
        return new ConformalRun(out, labels);
    }

    private void experts() {
        expertNames.put(CLAIMS, List.of("gbm", "glm", "rules"));
        expertNames.put(CHURN, List.of("new", "tenured", "always-on"));
        List<byte[]> replayCombined = new ArrayList<>();
        List<byte[]> replayEvaluations = new ArrayList<>();
        for (String model : List.of(CLAIMS, CHURN)) {
            Map<String, List<Double>> losses = new TreeMap<>();
            List<String> groups = model.equals(CLAIMS) ? List.of("young", "old") : List.of("new", "tenured");
            for (int t = 0; t < 200; t++) {
                CombinedPrediction combined = combined(model, t, model.equals(CLAIMS) ? expertNames.get(CLAIMS)
                    : List.of(groups.get(t % 3 == 0 ? 0 : 1), "always-on"));
                write(TOPICS.combined(), combined);
                String group = groups.get(t % 3 == 0 ? 0 : 1);
                double loss = 0.25 * random.nextDouble() * random.nextDouble();
                for (String g : List.of(group, "always-on")) {
                    List<Double> history = losses.computeIfAbsent(g, k -> new ArrayList<>());
                    history.add(loss);
                    ExpertsEvaluation evaluation = evaluation(model, g, history);
                    write(TOPICS.groupEvaluation(), evaluation);
                    if (t < 80) {
                        List<Double> other = new ArrayList<>(history);
                        other.set(other.size() - 1, loss + 0.5);
                        replayEvaluations.add(AvroCodec.of(ExpertsEvaluation.class).encode(evaluation(model, g, other)));
                    }
                }
                if (t < 80) {
                    replayCombined.add(AvroCodec.of(CombinedPrediction.class).encode(
                        combined(model, t, combined.getWeights().stream().map(ExpertWeight::getExpert).toList())));
                }
            }
            firstGroupLosses.put(model, losses);
        }
        replayCombined.forEach(v -> copy(ReportTopic.COMBINED, TOPICS.combined(), v));
        replayEvaluations.forEach(v -> copy(ReportTopic.GROUP_EVALUATION, TOPICS.groupEvaluation(), v));
    }

    private CombinedPrediction combined(String model, int t, List<String> awake) {
        double[] w = new double[awake.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.1 + random.nextDouble();
            sum += w[i];
        }
        List<ExpertWeight> weights = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            weights.add(new ExpertWeight(awake.get(i), w[i] / sum));
        }
        return new CombinedPrediction("case-" + t, model, 0.5, weights, (long) t, (long) t);
    }

    /** The hindsight fit is made to lose 80 % of the algorithm's loss less 0.01 a round: any fixed rule will do. */
    static double hindsightLoss(List<Double> losses) {
        return 0.8 * losses.stream().mapToDouble(Double::doubleValue).sum() - 0.01 * losses.size();
    }

    private static ExpertsEvaluation evaluation(String model, String group, List<Double> losses) {
        double loss = 0;
        for (double l : losses) {
            loss += l;
        }
        double hindsight = hindsightLoss(losses);
        return new ExpertsEvaluation(model, group, (long) losses.size(), loss, hindsight, loss - hindsight,
            (long) losses.size());
    }

    private void deadLetters() {
        Map<String, Long> offsets = new TreeMap<>();
        String[][] refusals = {
            {"NON_FINITE_NUMBER", TOPICS.requests()}, {"UNKNOWN_REQUEST", TOPICS.rewards()},
            {"NON_FINITE_NUMBER", TOPICS.requests()}, {"UNKNOWN_REQUEST", TOPICS.labels()},
            {"LATE_LABEL", TOPICS.expertLabels()}, {"NON_FINITE_NUMBER", TOPICS.labeled()},
            {"UNKNOWN_REQUEST", TOPICS.rewards()}, {"PROCESSING_ERROR", "(punctuation)"},
            {"NON_FINITE_NUMBER", TOPICS.requests()}, {"UNKNOWN_REQUEST", TOPICS.labels()},
            {"PROCESSING_ERROR", "(punctuation)"}, {"NON_FINITE_NUMBER", TOPICS.requests()},
            {"LATE_LABEL", TOPICS.expertLabels()}, {"UNKNOWN_REQUEST", TOPICS.rewards()},
        };
        for (int i = 0; i < refusals.length; i++) {
            String reason = refusals[i][0];
            String topic = refusals[i][1];
            boolean punctuation = topic.startsWith("(");
            long offset = punctuation ? -1 : offsets.merge(topic, 7L, Long::sum);
            DeadLetter letter = new DeadLetter(reason, reason.toLowerCase() + " number " + i, topic,
                punctuation ? -1 : i % 2, offset, (long) i, ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)), null);
            firstDeadLetters.add(letter);
            write(TOPICS.deadLetters(), letter);
        }
        unreadable(ReportTopic.DEAD_LETTERS, TOPICS.deadLetters());
        for (int i = 0; i < 6; i++) {
            DeadLetter first = firstDeadLetters.get(i);
            if (first.getOffset() >= 0) {
                DeadLetter again = DeadLetter.newBuilder(first).setDetail("replayed: " + first.getDetail()).build();
                copy(ReportTopic.DEAD_LETTERS, TOPICS.deadLetters(), again);
            }
        }
    }

    private void write(String topic, SpecificRecord record) {
        values.computeIfAbsent(topic, k -> new ArrayList<>()).add(encode(record));
    }

    private void copy(ReportTopic kind, String topic, SpecificRecord record) {
        copy(kind, topic, encode(record));
    }

    private void copy(ReportTopic kind, String topic, byte[] value) {
        values.computeIfAbsent(topic, k -> new ArrayList<>()).add(value);
        copiesWritten.merge(kind, 1, Integer::sum);
    }

    private void unreadable(ReportTopic kind, String topic) {
        values.computeIfAbsent(topic, k -> new ArrayList<>()).add(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
        unreadableWritten.merge(kind, 1, Integer::sum);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] encode(T record) {
        return AvroCodec.of((Class<T>) record.getClass()).encode(record);
    }
}
