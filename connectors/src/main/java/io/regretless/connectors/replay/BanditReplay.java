package io.regretless.connectors.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

import io.regretless.connectors.client.DecisionPort;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;

/**
 * Plays a {@link ReplayEnvironment} (e.g. a {@link ClassificationBandit}) against one or more models
 * through a {@link DecisionPort} ({@link io.regretless.connectors.client.BanditClient} for the real
 * app), and measures each model's progressive reward.
 *
 * <p><b>Order.</b> Pass {@code p} visits every row once, in the order {@link #passOrder}
 * {@code (rows, seed, p)}: a Fisher–Yates shuffle seeded from the seed and the pass, so each pass
 * has its own order, and a run is reproducible. At each position the row is sent to every model in
 * the order given, so all models see the same sequence, interleaved.
 *
 * <p><b>Delayed rewards.</b> A request's reward is sent once its decision is in and at least
 * {@code rewardDelay} further requests of the same model were sent; with a port that answers at
 * once that is exactly after the {@code rewardDelay}-th further request. The last rewards of each
 * model are sent after all requests. A model thus decides at least {@code rewardDelay} more times
 * before it can learn from a decision, as in a live system where rewards arrive later. Rewards of a
 * model are sent, and accounted, in request order.
 *
 * <p><b>Flow control.</b> At most {@code maxInFlight} decisions are outstanding at once, over all
 * models, and at most {@code rewardDelay + maxInFlight} requests per model are unrewarded (the
 * replay waits for the oldest decision when that is reached), so the reward delay grows beyond
 * {@code rewardDelay} by at most the decisions in flight. The delay a run actually had, in wall time,
 * is reported as {@link ReplayResult#maxRewardLag()}. A decision future that fails (timeout, send
 * error) aborts the run with an {@link IllegalStateException} naming the request; so does a failed
 * reward send or a decision that answers another request. The run returns after every reward was
 * acknowledged.
 *
 * <p><b>Ids and time.</b> Request ids are {@link #requestId}{@code (modelId, pass, row)}, unique
 * across models and passes of a run (not across runs: replay a second time with new model ids, or
 * the app's state from the first run is reused). Request and reward timestamps are the clock's
 * time when each is sent.
 *
 * <p>One {@code run} at a time per port is the intended use; the replay itself holds no state
 * between runs.
 */
public final class BanditReplay {
    private static final long MAX_RING = 1L << 24;

    private final DecisionPort port;
    private final ReplayEnvironment environment;
    private final ReplaySettings settings;
    private final Clock clock;

    public BanditReplay(DecisionPort port, ReplayEnvironment environment, ReplaySettings settings) {
        this(port, environment, settings, Clock.systemUTC());
    }

    /** With the clock that stamps requests and rewards (tests). */
    public BanditReplay(DecisionPort port, ReplayEnvironment environment, ReplaySettings settings, Clock clock) {
        this.port = Objects.requireNonNull(port, "port");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ReplaySettings settings() {
        return settings;
    }

    /** {@link #run(List, ReplayListener)} without progress reports. */
    public List<ReplayResult> run(List<String> modelIds) throws InterruptedException {
        return run(modelIds, ReplayListener.NONE);
    }

    /**
     * Replays the environment for each model and returns one result per model, in the given order.
     *
     * @param modelIds distinct, non-blank model ids, each configured in the app
     * @throws IllegalStateException when a decision or a reward send fails (the cause attached)
     * @throws InterruptedException  when the calling thread is interrupted
     */
    public List<ReplayResult> run(List<String> modelIds, ReplayListener listener) throws InterruptedException {
        Objects.requireNonNull(listener, "listener");
        List<String> models = List.copyOf(modelIds);
        if (models.isEmpty() || new HashSet<>(models).size() != models.size()
                || models.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("need one or more distinct, non-blank model ids, got " + models);
        }
        if (environment.rows() < 1) {
            throw new IllegalArgumentException("the environment has no rows");
        }
        return new Run(models, listener).play();
    }

    /**
     * The order of the rows in pass {@code pass}: a permutation of {@code 0 .. rows-1} from a
     * Fisher–Yates shuffle with {@link java.util.Random} seeded by SplitMix64 of the seed and the
     * pass. Same arguments, same order, on every JVM.
     */
    public static int[] passOrder(int rows, long seed, int pass) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random random = new Random(splitMix64(seed + 0x9E3779B97F4A7C15L * (pass + 1L)));
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** {@code modelId + "-" + pass + "-" + row}: unique per model, pass and row. */
    public static String requestId(String modelId, int pass, int row) {
        return modelId + "-" + pass + "-" + row;
    }

    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The state of one run. Touched by the replay thread only, except the two gates. */
    private final class Run {
        private final Track[] tracks;
        private final ReplayListener listener;
        private final int rows = environment.rows();
        private final long perModel = (long) settings.passes() * rows;
        private final long total;
        private final long curveStep;
        private final Gate decisionsOut = new Gate();
        private final Gate rewardsOut = new Gate();
        private final BiConsumer<Object, Throwable> decisionDone = (decision, error) -> decisionsOut.leave(null);
        private final BiConsumer<Object, Throwable> rewardDone = (ignored, error) -> rewardsOut.leave(error);
        private final long startNanos = System.nanoTime();
        private final long progressNanos = settings.progressInterval().toNanos();
        private long nextProgress = startNanos + progressNanos;
        private long done;

        Run(List<String> models, ReplayListener listener) {
            this.listener = listener;
            this.total = perModel * models.size();
            this.curveStep = settings.curvePoints() == 0 ? Long.MAX_VALUE
                : Math.max(1, (perModel + settings.curvePoints() - 1) / settings.curvePoints());
            // unrewarded requests per model: rewardDelay not yet due + up to maxInFlight awaiting decisions
            long capacity = Math.min((long) settings.rewardDelay() + settings.maxInFlight(), perModel);
            if (capacity > MAX_RING) {
                throw new IllegalArgumentException("rewardDelay + maxInFlight must be <= " + MAX_RING + ", got " + capacity);
            }
            this.tracks = new Track[models.size()];
            for (int m = 0; m < tracks.length; m++) {
                tracks[m] = new Track(models.get(m), (int) capacity, settings.passes());
            }
        }

        List<ReplayResult> play() throws InterruptedException {
            for (int pass = 0; pass < settings.passes(); pass++) {
                int[] order = passOrder(rows, settings.seed(), pass);
                for (int k = 0; k < rows; k++) {
                    for (Track track : tracks) {
                        while (track.sent - track.settled == track.futures.length) {
                            settleHead(track); // ring full: wait for the oldest decision
                        }
                        send(track, pass, order[k]);
                        while (track.settled + settings.rewardDelay() < track.sent && headDecided(track)) {
                            settleHead(track);
                        }
                    }
                }
            }
            boolean unsettled = true;
            while (unsettled) { // the last rewards, round robin over the models
                unsettled = false;
                for (Track track : tracks) {
                    if (track.settled < track.sent) {
                        settleHead(track);
                        unsettled = true;
                    }
                }
            }
            rewardsOut.awaitZero();
            checkRewards();
            Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
            listener.onProgress(progress());
            List<ReplayResult> results = new ArrayList<>(tracks.length);
            for (Track track : tracks) {
                results.add(track.result(rows, wallTime));
            }
            return results;
        }

        private void send(Track track, int pass, int row) throws InterruptedException {
            checkRewards();
            decisionsOut.enter(settings.maxInFlight());
            String requestId = requestId(track.modelId, pass, row);
            CompletableFuture<Decision> decision;
            try {
                DecisionRequest request = environment.request(row, requestId, track.modelId, clock.millis());
                decision = port.decide(request);
            } catch (RuntimeException e) {
                decisionsOut.leave(null);
                throw new IllegalStateException("cannot send request " + requestId + ": " + e.getMessage(), e);
            }
            decision.whenComplete(decisionDone);
            int slot = (int) (track.sent % track.futures.length);
            track.futures[slot] = decision;
            track.rows[slot] = row;
            track.requestIds[slot] = requestId;
            track.sentNanos[slot] = System.nanoTime();
            track.sent++;
        }

        private boolean headDecided(Track track) {
            return track.futures[(int) (track.settled % track.futures.length)].isDone();
        }

        /** Waits for the oldest unrewarded decision of the model, sends its reward and accounts it. */
        private void settleHead(Track track) throws InterruptedException {
            long sequence = track.settled;
            int slot = (int) (sequence % track.futures.length);
            String requestId = track.requestIds[slot];
            Decision decision = await(track, slot);
            if (!requestId.equals(decision.getRequestId()) || !track.modelId.equals(decision.getModelId())) {
                throw new IllegalStateException("the decision awaited for request " + requestId + " of model "
                    + track.modelId + " answers request " + decision.getRequestId() + " of model " + decision.getModelId());
            }
            int row = track.rows[slot];
            double value = environment.reward(row, decision.getChosenActionId());
            CompletableFuture<Void> sent;
            try {
                sent = port.reward(new Reward(requestId, track.modelId, value, clock.millis()));
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot send the reward of request " + requestId + ": " + e.getMessage(), e);
            }
            rewardsOut.enter(Integer.MAX_VALUE);
            sent.whenComplete(rewardDone);
            track.settled++;
            track.account(value, (int) (sequence / rows), System.nanoTime() - track.sentNanos[slot], curveStep, perModel);
            done++;
            if (progressNanos == 0 || System.nanoTime() - nextProgress >= 0) {
                nextProgress = System.nanoTime() + progressNanos;
                if (done < total) {
                    listener.onProgress(progress());
                }
            }
        }

        private Decision await(Track track, int slot) throws InterruptedException {
            CompletableFuture<Decision> future = track.futures[slot];
            track.futures[slot] = null;
            try {
                Decision decision = future.get();
                if (decision == null) {
                    throw new IllegalStateException("the port answered request " + track.requestIds[slot] + " with no decision");
                }
                return decision;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException("no decision for request " + track.requestIds[slot] + " of model "
                    + track.modelId + ": " + cause, cause);
            } catch (CancellationException e) {
                throw new IllegalStateException("the decision for request " + track.requestIds[slot] + " of model "
                    + track.modelId + " was cancelled: " + e.getMessage(), e);
            }
        }

        private void checkRewards() {
            Throwable failure = rewardsOut.failure();
            if (failure != null) {
                throw new IllegalStateException("a reward could not be sent: " + failure, failure);
            }
        }

        private ReplayProgress progress() {
            Map<String, Double> averages = new LinkedHashMap<>();
            for (Track track : tracks) {
                averages.put(track.modelId, track.decisions == 0 ? Double.NaN : track.total / track.decisions);
            }
            return new ReplayProgress(done, total, averages, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    /** One model's ring of unrewarded requests and its tallies. */
    private static final class Track {
        final String modelId;
        final CompletableFuture<Decision>[] futures;
        final int[] rows;
        final String[] requestIds;
        final long[] sentNanos;
        final double[] passTotals;
        final List<ReplayResult.Point> curve = new ArrayList<>();
        long sent;
        long settled;
        long decisions;
        double total;
        long maxLagNanos;

        @SuppressWarnings("unchecked")
        Track(String modelId, int capacity, int passes) {
            this.modelId = modelId;
            this.futures = (CompletableFuture<Decision>[]) new CompletableFuture<?>[capacity];
            this.rows = new int[capacity];
            this.requestIds = new String[capacity];
            this.sentNanos = new long[capacity];
            this.passTotals = new double[passes];
        }

        void account(double reward, int pass, long lagNanos, long curveStep, long perModel) {
            decisions++;
            total += reward;
            passTotals[pass] += reward;
            maxLagNanos = Math.max(maxLagNanos, lagNanos);
            if (curveStep != Long.MAX_VALUE && (decisions % curveStep == 0 || decisions == perModel)) {
                curve.add(new ReplayResult.Point(decisions, total / decisions));
            }
        }

        ReplayResult result(int rows, Duration wallTime) {
            List<Double> passAverages = new ArrayList<>(passTotals.length);
            for (double passTotal : passTotals) {
                passAverages.add(passTotal / rows);
            }
            return new ReplayResult(modelId, decisions, total, total / decisions,
                passAverages.get(passAverages.size() - 1), passAverages, curve, wallTime, Duration.ofNanos(maxLagNanos));
        }
    }
}
