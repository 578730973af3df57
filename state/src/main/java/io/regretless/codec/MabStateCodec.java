package io.regretless.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

import io.regretless.bandit.mab.BernoulliThompsonSampling;
import io.regretless.bandit.mab.DiscountedThompsonSampling;
import io.regretless.bandit.mab.Exp3Ix;
import io.regretless.bandit.mab.GaussianThompsonSampling;
import io.regretless.bandit.mab.MabState;
import io.regretless.bandit.mab.MultiArmedBandit;
import io.regretless.bandit.mab.SlidingWindowUcb;
import io.regretless.bandit.mab.Ucb1;
import io.regretless.schemas.state.MultiArmedState;

/**
 * A {@link MabState} as the stored {@code MultiArmedState} and back, bit for bit: arm ids in
 * first-seen order, counts as longs and every other number as raw IEEE-754 doubles (little-endian),
 * in the per-learner layout documented in {@code MultiArmedState.avsc}. The update count is stored
 * beside it (in {@code LinearBanditState}), so {@link #decode} takes it; the layout's version is the
 * record's schema version, {@link #SCHEMA_VERSION}, which {@link LinearBanditCodec} checks.
 */
public final class MabStateCodec {
    /** The released {@code MultiArmedState} schema this codec writes ({@code history/MultiArmedState.v1.avsc}). */
    public static final int SCHEMA_VERSION = VersionedRecordCodec.requireNewest(MultiArmedState.class, 1);

    private MabStateCodec() {
    }

    /** The stored form of {@code state}. */
    public static MultiArmedState encode(MabState state) {
        if (state instanceof Ucb1.State s) {
            List<Ucb1.Arm> arms = s.arms();
            return pullsAndSums(arms.size(), j -> arms.get(j).id(), j -> arms.get(j).pulls(),
                j -> arms.get(j).rewardSum());
        }
        if (state instanceof GaussianThompsonSampling.State s) {
            List<GaussianThompsonSampling.Arm> arms = s.arms();
            return pullsAndSums(arms.size(), j -> arms.get(j).id(), j -> arms.get(j).pulls(),
                j -> arms.get(j).rewardSum());
        }
        if (state instanceof BernoulliThompsonSampling.State s) {
            int k = s.arms().size();
            double[] counts = new double[2 * k];
            for (int j = 0; j < k; j++) {
                counts[j] = s.arms().get(j).successes();
                counts[k + j] = s.arms().get(j).failures();
            }
            return stored(s.arms().stream().map(BernoulliThompsonSampling.Arm::id).toList(), new long[0], counts);
        }
        if (state instanceof DiscountedThompsonSampling.State s) {
            int k = s.arms().size();
            double[] counts = new double[2 * k];
            for (int j = 0; j < k; j++) {
                counts[j] = s.arms().get(j).successes();
                counts[k + j] = s.arms().get(j).failures();
            }
            return stored(s.arms().stream().map(DiscountedThompsonSampling.Arm::id).toList(), new long[0], counts);
        }
        if (state instanceof Exp3Ix.State s) {
            double[] losses = s.arms().stream().mapToDouble(Exp3Ix.Arm::lossEstimate).toArray();
            return stored(s.arms().stream().map(Exp3Ix.Arm::id).toList(), new long[0], losses);
        }
        SlidingWindowUcb.State s = (SlidingWindowUcb.State) state;
        int[] slots = s.slotArms();
        long[] counts = new long[1 + slots.length];
        counts[0] = s.window();
        for (int i = 0; i < slots.length; i++) {
            counts[1 + i] = slots[i];
        }
        double[] rewards = s.slotRewards();
        double[] sums = s.windowSums();
        double[] values = new double[rewards.length + sums.length];
        System.arraycopy(rewards, 0, values, 0, rewards.length);
        System.arraycopy(sums, 0, values, rewards.length, sums.length);
        return stored(s.arms(), counts, values);
    }

    /**
     * The state {@code learner} (a {@link MultiArmedBandit#learner()} name) wrote as {@code stored}
     * after {@code version} updates.
     *
     * @throws IllegalStateException if the arrays do not fit the learner's layout
     */
    public static MabState decode(String learner, long version, MultiArmedState stored) {
        List<String> ids = List.copyOf(stored.getArms());
        int k = ids.size();
        List<Long> counts = stored.getCounts();
        double[] values = doubles(stored.getValues());
        switch (learner) {
            case Ucb1.NAME, GaussianThompsonSampling.NAME -> {
                require(counts.size() == k && values.length == k, learner, k, counts.size(), values.length);
                if (learner.equals(Ucb1.NAME)) {
                    List<Ucb1.Arm> arms = new ArrayList<>();
                    for (int j = 0; j < k; j++) {
                        arms.add(new Ucb1.Arm(ids.get(j), counts.get(j), values[j]));
                    }
                    return checkedVersion(new Ucb1.State(arms), version);
                }
                List<GaussianThompsonSampling.Arm> arms = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    arms.add(new GaussianThompsonSampling.Arm(ids.get(j), counts.get(j), values[j]));
                }
                return checkedVersion(new GaussianThompsonSampling.State(arms), version);
            }
            case BernoulliThompsonSampling.NAME -> {
                require(counts.isEmpty() && values.length == 2 * k, learner, k, counts.size(), values.length);
                List<BernoulliThompsonSampling.Arm> arms = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    arms.add(new BernoulliThompsonSampling.Arm(ids.get(j), values[j], values[k + j]));
                }
                return new BernoulliThompsonSampling.State(arms, version);
            }
            case DiscountedThompsonSampling.NAME -> {
                require(counts.isEmpty() && values.length == 2 * k, learner, k, counts.size(), values.length);
                List<DiscountedThompsonSampling.Arm> arms = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    arms.add(new DiscountedThompsonSampling.Arm(ids.get(j), values[j], values[k + j]));
                }
                return new DiscountedThompsonSampling.State(arms, version);
            }
            case Exp3Ix.NAME -> {
                require(counts.isEmpty() && values.length == k, learner, k, counts.size(), values.length);
                List<Exp3Ix.Arm> arms = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    arms.add(new Exp3Ix.Arm(ids.get(j), values[j]));
                }
                return new Exp3Ix.State(arms, version);
            }
            case SlidingWindowUcb.NAME -> {
                require(!counts.isEmpty() && counts.get(0) >= 1 && counts.get(0) <= Integer.MAX_VALUE, learner, k,
                    counts.size(), values.length);
                int window = (int) (long) counts.get(0);
                int filled = (int) Math.min(version, window);
                require(version >= 0 && counts.size() == 1 + filled && values.length == filled + k, learner, k,
                    counts.size(), values.length);
                int[] slots = new int[filled];
                for (int i = 0; i < filled; i++) {
                    long arm = counts.get(1 + i);
                    require(arm >= 0 && arm < k, learner, k, counts.size(), values.length);
                    slots[i] = (int) arm;
                }
                double[] rewards = new double[filled];
                double[] sums = new double[k];
                System.arraycopy(values, 0, rewards, 0, filled);
                System.arraycopy(values, filled, sums, 0, k);
                return new SlidingWindowUcb.State(ids, window, version, slots, rewards, sums);
            }
            default -> throw new IllegalStateException("no multi-armed learner is called '" + learner + "'");
        }
    }

    private static MultiArmedState pullsAndSums(int arms, IntFunction<String> id, IntToLongFunction pulls,
                                                IntToDoubleFunction rewardSum) {
        List<String> ids = new ArrayList<>(arms);
        long[] counts = new long[arms];
        double[] sums = new double[arms];
        for (int j = 0; j < arms; j++) {
            ids.add(id.apply(j));
            counts[j] = pulls.applyAsLong(j);
            sums[j] = rewardSum.applyAsDouble(j);
        }
        return stored(ids, counts, sums);
    }

    private static MabState checkedVersion(MabState state, long version) {
        if (state.version() != version) {
            throw new IllegalStateException(state.learner() + " state has " + state.version()
                + " plays but says version " + version);
        }
        return state;
    }

    private static void require(boolean fits, String learner, int arms, int counts, int values) {
        if (!fits) {
            throw new IllegalStateException("malformed " + learner + " state: " + arms + " arms, " + counts
                + " counts, " + values + " values");
        }
    }

    private static MultiArmedState stored(List<String> ids, long[] counts, double[] values) {
        List<Long> boxed = new ArrayList<>(counts.length);
        for (long c : counts) {
            boxed.add(c);
        }
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        return new MultiArmedState(new ArrayList<>(ids), boxed, bytes.flip());
    }

    private static double[] doubles(ByteBuffer stored) {
        ByteBuffer view = stored.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (view.remaining() % Double.BYTES != 0) {
            throw new IllegalStateException("multi-armed values hold " + view.remaining() + " bytes, not whole doubles");
        }
        double[] values = new double[view.remaining() / Double.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = view.getDouble();
        }
        return values;
    }
}
