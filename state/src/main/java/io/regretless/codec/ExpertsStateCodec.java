package io.regretless.codec;

import java.util.ArrayList;
import java.util.List;

import io.regretless.experts.AdviceCombiner;
import io.regretless.experts.ExpertsModel;
import io.regretless.experts.GroupIndicatorRidge;
import io.regretless.experts.GroupRegret;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.experts.LabelRange;
import io.regretless.experts.LossFunction;
import io.regretless.experts.SleepingAdaNormalHedge;
import io.regretless.experts.SleepingHedge;
import io.regretless.linalg.RidgeStatistics;

/**
 * The sleeping-experts learners' states as {@link PackedState}s and back, bit for bit: one positional
 * layout per state class, whose {@link PackedState#kind()} names the class and the layout's version
 * ({@code .v1}, {@code .v2}); a state of another kind or version is refused by {@link StateReader}.
 * {@code pack} writes a state, {@code unpack…} reads one (the learner's {@code restore} checks the
 * values), and {@code export}/{@code restore…} do both with the learner.
 */
public final class ExpertsStateCodec {
    /** {@link SleepingHedge}: η, then the log-weights. */
    public static final String SLEEPING_HEDGE = "experts.sleeping-hedge.v1";
    /** {@link SleepingAdaNormalHedge}: the prior, R and C. */
    public static final String SLEEPING_ADANORMALHEDGE = "experts.sleeping-adanormalhedge.v1";
    /** {@link AdviceCombiner}: loss code, label range, then its hedge. */
    public static final String ADVICE_COMBINER = "experts.advice-combiner.v1";
    /** {@link GroupRegret}: the algorithm's loss, the rounds, the comparator's statistics with yᵀy. */
    public static final String GROUP_REGRET = "experts.group-regret.v1";
    /** {@link GroupwiseRidge}: shape, loss, range, λ, the hedge, the pooled model, the group models. */
    public static final String GROUPWISE_RIDGE = "experts.groupwise-ridge.v2";
    /** {@link GroupIndicatorRidge}: shape, range, the ridge model. */
    public static final String GROUP_INDICATOR_RIDGE = "experts.group-indicator-ridge.v1";

    private ExpertsStateCodec() {
    }

    public static PackedState pack(SleepingHedge.State s) {
        return PackedLayouts.packed(SLEEPING_HEDGE, s, ExpertsStateCodec::putHedge);
    }

    public static SleepingHedge.State unpackSleepingHedge(PackedState state) {
        return PackedLayouts.unpacked(state, SLEEPING_HEDGE, ExpertsStateCodec::getHedge);
    }

    public static PackedState pack(SleepingAdaNormalHedge.State s) {
        return PackedLayouts.packed(SLEEPING_ADANORMALHEDGE, s, ExpertsStateCodec::putAdaNormalHedge);
    }

    public static SleepingAdaNormalHedge.State unpackAdaNormalHedge(PackedState state) {
        return PackedLayouts.unpacked(state, SLEEPING_ADANORMALHEDGE, ExpertsStateCodec::getAdaNormalHedge);
    }

    public static PackedState pack(AdviceCombiner.State s) {
        return PackedLayouts.packed(ADVICE_COMBINER, s, (c, w) -> {
            w.putLong(c.loss().stateCode()).putDouble(c.range().low()).putDouble(c.range().high());
            putAdaNormalHedge(c.hedge(), w);
        });
    }

    public static AdviceCombiner.State unpackAdviceCombiner(PackedState state) {
        return PackedLayouts.unpacked(state, ADVICE_COMBINER, r -> {
            LossFunction loss = LossFunction.ofStateCode(r.getLong());
            LabelRange range = new LabelRange(r.getDouble(), r.getDouble());
            return new AdviceCombiner.State(loss, range, getAdaNormalHedge(r));
        });
    }

    public static PackedState pack(GroupRegret.State s) {
        return PackedLayouts.packed(GROUP_REGRET, s, (g, w) -> {
            w.putDouble(g.algorithmLoss()).putLong(g.hindsight().observations());
            RidgeStatisticsCodec.writeWithLabelSquares(g.hindsight(), w);
        });
    }

    public static GroupRegret.State unpackGroupRegret(PackedState state) {
        return PackedLayouts.unpacked(state, GROUP_REGRET, r -> {
            double loss = r.getDouble();
            long rounds = r.getLong();
            return new GroupRegret.State(loss, RidgeStatisticsCodec.readWithLabelSquares(r, rounds));
        });
    }

    public static PackedState pack(GroupwiseRidge.State s) {
        return PackedLayouts.packed(GROUPWISE_RIDGE, s, (g, w) -> {
            w.putLong(g.dimension()).putLong(g.groups());
            w.putLong(g.loss().stateCode()).putDouble(g.range().low()).putDouble(g.range().high())
                .putDouble(g.shrinkage());
            putHedge(g.hedge(), w);
            RidgeStatisticsCodec.writeWithCount(g.pooled(), w);
            for (RidgeStatistics.State m : g.groupModels()) {
                RidgeStatisticsCodec.writeWithCount(m, w);
            }
        });
    }

    public static GroupwiseRidge.State unpackGroupwiseRidge(PackedState state) {
        return PackedLayouts.unpacked(state, GROUPWISE_RIDGE, r -> {
            int dimension = r.getSize();
            int groups = r.getSize();
            LossFunction loss = LossFunction.ofStateCode(r.getLong());
            LabelRange range = new LabelRange(r.getDouble(), r.getDouble());
            double shrinkage = r.getDouble();
            SleepingHedge.State hedge = getHedge(r);
            RidgeStatistics.State pooled = RidgeStatisticsCodec.readWithCount(r);
            List<RidgeStatistics.State> models = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                models.add(RidgeStatisticsCodec.readWithCount(r));
            }
            return new GroupwiseRidge.State(dimension, groups, loss, range, shrinkage, hedge, pooled, models);
        });
    }

    public static PackedState pack(GroupIndicatorRidge.State s) {
        return PackedLayouts.packed(GROUP_INDICATOR_RIDGE, s, (g, w) -> {
            w.putLong(g.dimension()).putLong(g.groups()).putDouble(g.range().low()).putDouble(g.range().high());
            RidgeStatisticsCodec.writeWithCount(g.model(), w);
        });
    }

    public static GroupIndicatorRidge.State unpackGroupIndicatorRidge(PackedState state) {
        return PackedLayouts.unpacked(state, GROUP_INDICATOR_RIDGE, r -> {
            int dimension = r.getSize();
            int groups = r.getSize();
            LabelRange range = new LabelRange(r.getDouble(), r.getDouble());
            return new GroupIndicatorRidge.State(dimension, groups, range, RidgeStatisticsCodec.readWithCount(r));
        });
    }

    /** An experts model's learner: an advice combiner's or a groupwise ridge's. */
    public static PackedState pack(ExpertsModel.LearnerState s) {
        if (s instanceof AdviceCombiner.State combiner) {
            return pack(combiner);
        }
        return pack((GroupwiseRidge.State) s);
    }

    public static PackedState export(SleepingHedge learner) {
        return pack(learner.state());
    }

    public static PackedState export(SleepingAdaNormalHedge learner) {
        return pack(learner.state());
    }

    public static PackedState export(AdviceCombiner learner) {
        return pack(learner.state());
    }

    public static PackedState export(GroupRegret accumulator) {
        return pack(accumulator.state());
    }

    public static PackedState export(GroupwiseRidge learner) {
        return pack(learner.state());
    }

    public static PackedState export(GroupIndicatorRidge learner) {
        return pack(learner.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static SleepingHedge restoreSleepingHedge(PackedState state) {
        return SleepingHedge.restore(unpackSleepingHedge(state));
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static SleepingAdaNormalHedge restoreAdaNormalHedge(PackedState state) {
        return SleepingAdaNormalHedge.restore(unpackAdaNormalHedge(state));
    }

    /** @throws IllegalArgumentException if the state is not a valid combiner's */
    public static AdviceCombiner restoreAdviceCombiner(PackedState state) {
        return AdviceCombiner.restore(unpackAdviceCombiner(state));
    }

    /** @throws IllegalArgumentException if the state is not a valid accumulator's */
    public static GroupRegret restoreGroupRegret(PackedState state) {
        return GroupRegret.restore(unpackGroupRegret(state));
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static GroupwiseRidge restoreGroupwiseRidge(PackedState state) {
        return GroupwiseRidge.restore(unpackGroupwiseRidge(state));
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static GroupIndicatorRidge restoreGroupIndicatorRidge(PackedState state) {
        return GroupIndicatorRidge.restore(unpackGroupIndicatorRidge(state));
    }

    private static void putHedge(SleepingHedge.State s, StateWriter w) {
        w.putDouble(s.learningRate()).putDoubles(s.logWeights(), s.logWeights().length);
    }

    private static SleepingHedge.State getHedge(StateReader r) {
        double eta = r.getDouble();
        double[] logWeights = r.getDoubles();
        return new SleepingHedge.State(eta, logWeights);
    }

    private static void putAdaNormalHedge(SleepingAdaNormalHedge.State s, StateWriter w) {
        int n = s.prior().length;
        w.putDoubles(s.prior(), n).putDoubles(s.regret(), n).putDoubles(s.absRegret(), n);
    }

    private static SleepingAdaNormalHedge.State getAdaNormalHedge(StateReader r) {
        double[] prior = r.getDoubles();
        double[] regret = r.getDoubles();
        double[] abs = r.getDoubles();
        return new SleepingAdaNormalHedge.State(prior, regret, abs);
    }
}
