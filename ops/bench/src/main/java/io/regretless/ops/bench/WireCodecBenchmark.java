package io.regretless.ops.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * What a record costs on the wire in each format, in process: decoding and encoding the bench's
 * request shape (20 context features, 10 actions with one feature each, as {@code bench} sends)
 * and encoding the decision and feedback the application writes for it. Each case runs over a pool
 * of distinct records, once per round, all cases interleaved; after the warm-up rounds the median
 * timed round is reported. A checksum of every result keeps the JIT from dropping the work.
 */
public final class WireCodecBenchmark {
    private static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    private static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    private static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);

    /** One case: mean bytes of a record in the format and the median nanoseconds per record. */
    public record Result(String what, WireFormat format, int bytes, double nanosPerRecord) {
    }

    private WireCodecBenchmark() {
    }

    public static List<Result> run(int records, int rounds, PrintStream out) {
        SplittableRandom random = new SplittableRandom(20_240_601L);
        DecisionRequest[] requests = new DecisionRequest[records];
        Decision[] decisions = new Decision[records];
        Feedback[] feedback = new Feedback[records];
        for (int i = 0; i < records; i++) {
            requests[i] = request(i, random);
            decisions[i] = decision(requests[i], random);
            feedback[i] = new Feedback(requests[i], decisions[i], (double) random.nextInt(2), true, requests[i].getTimestamp() + 1_000);
        }
        List<Case> cases = new ArrayList<>();
        for (WireFormat format : WireFormat.values()) {
            byte[][] requestBytes = new byte[records][];
            byte[][] decisionBytes = new byte[records][];
            byte[][] feedbackBytes = new byte[records][];
            for (int i = 0; i < records; i++) {
                requestBytes[i] = REQUESTS.encode(requests[i], format);
                decisionBytes[i] = DECISIONS.encode(decisions[i], format);
                feedbackBytes[i] = FEEDBACK.encode(feedback[i], format);
            }
            cases.add(new Case("decode DecisionRequest", format, requestBytes,
                i -> REQUESTS.decode(requestBytes[i], 0L).getActions().size()));
            cases.add(new Case("encode DecisionRequest", format, requestBytes, i -> REQUESTS.encode(requests[i], format).length));
            cases.add(new Case("encode Decision", format, decisionBytes, i -> DECISIONS.encode(decisions[i], format).length));
            cases.add(new Case("decode Decision", format, decisionBytes,
                i -> DECISIONS.decode(decisionBytes[i]).getProbabilities().size()));
            cases.add(new Case("encode Feedback", format, feedbackBytes, i -> FEEDBACK.encode(feedback[i], format).length));
        }
        // every case runs once per round, so a load that comes and goes hits all formats alike
        double[][] perRecord = new double[cases.size()][rounds];
        long checksum = 0;
        for (int round = -rounds; round < rounds; round++) {
            for (int c = 0; c < cases.size(); c++) {
                long start = System.nanoTime();
                long sum = 0;
                for (int i = 0; i < records; i++) {
                    sum += cases.get(c).op().applyAsInt(i);
                }
                long elapsed = System.nanoTime() - start;
                checksum += sum;
                if (round >= 0) {
                    perRecord[c][round] = (double) elapsed / records;
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            Arrays.sort(perRecord[c]);
            results.add(new Result(cases.get(c).what(), cases.get(c).format(), cases.get(c).meanBytes(), perRecord[c][rounds / 2]));
        }
        out.printf(Locale.ROOT, "%-24s %-6s %8s %12s%n", "per record", "format", "bytes", "ns (median)");
        results.stream().sorted((a, b) -> a.what().compareTo(b.what())).forEach(r ->
            out.printf(Locale.ROOT, "%-24s %-6s %,8d %,12.0f%n", r.what(), r.format().wireName(), r.bytes(), r.nanosPerRecord()));
        out.printf(Locale.ROOT, "%d records per round, %d timed rounds after %d warm-up rounds (checksum %d)%n",
            records, rounds, rounds, checksum);
        return results;
    }

    private record Case(String what, WireFormat format, byte[][] encoded, IntUnaryOperator op) {
        int meanBytes() {
            long bytes = 0;
            for (byte[] b : encoded) {
                bytes += b.length;
            }
            return (int) (bytes / encoded.length);
        }
    }

    /** The shape {@code bench} sends: context f0..f19 in [0, 1), actions a0..a9 with a price. */
    private static DecisionRequest request(int i, SplittableRandom random) {
        Map<String, Double> context = new HashMap<>();
        for (int f = 0; f < 20; f++) {
            context.put("f" + f, random.nextDouble());
        }
        List<Action> actions = new ArrayList<>(10);
        for (int a = 0; a < 10; a++) {
            actions.add(new Action("a" + a, Map.of("price", random.nextDouble())));
        }
        return new DecisionRequest("r" + i, "model-" + (i % 2), 1_764_115_200_000L + i, context, actions);
    }

    private static Decision decision(DecisionRequest request, SplittableRandom random) {
        List<ActionProbability> probabilities = new ArrayList<>();
        for (Action action : request.getActions()) {
            probabilities.add(new ActionProbability(action.getId(), 0.1));
        }
        String chosen = request.getActions().get(random.nextInt(request.getActions().size())).getId();
        return new Decision(request.getRequestId(), request.getModelId(), chosen, 0.1, probabilities, 1_000L,
            "linucb-disjoint", request.getTimestamp());
    }
}
