package io.regretless.codec;

import io.regretless.linalg.CholeskyFactor;
import io.regretless.linalg.RidgeStatistics;
import io.regretless.schemas.state.RidgeRegressionState;

/**
 * The stored forms of {@link RidgeStatistics}, all bit for bit: the Avro {@code RidgeRegressionState} of
 * the bandits' arms and the reward model (dimension, λ, count, L and b as little-endian doubles, see
 * {@link LittleEndianDoubles}), and two positional layouts inside a {@link PackedState} — with the row
 * count (the groupwise learner's models and the indicator baseline) or with yᵀy (the comparator of
 * groupwise regret). The Avro form's version is {@link #SCHEMA_VERSION}, carried by the fingerprint of the
 * record it is stored in; the packed layouts are versioned by the {@link PackedState#kind()} they are
 * part of.
 */
public final class RidgeStatisticsCodec {
    /** The released {@code RidgeRegressionState} schema this codec writes (inside {@code LinearBanditState}). */
    public static final int SCHEMA_VERSION = VersionedRecordCodec.requireNewest(RidgeRegressionState.class, 1);

    private RidgeStatisticsCodec() {
    }

    /** The Avro state of one ridge model; yᵀy is not kept. */
    public static RidgeRegressionState toAvro(RidgeStatistics model) {
        return toAvro(model.state());
    }

    /** The Avro state of one ridge model's statistics; yᵀy is not kept. */
    public static RidgeRegressionState toAvro(RidgeStatistics.State s) {
        return RidgeRegressionState.newBuilder()
            .setDimension(s.dimension())
            .setRegularization(s.regularization())
            .setObservations(s.observations())
            .setCholesky(LittleEndianDoubles.toBytes(s.cholesky()))
            .setB(LittleEndianDoubles.toBytes(s.b()))
            .build();
    }

    /**
     * The model an Avro state describes, yᵀy unknown.
     *
     * @throws IllegalStateException if the state is malformed (sizes, non-finite numbers, a factor
     *     that is not positive definite)
     */
    public static RidgeStatistics fromAvro(RidgeRegressionState state) {
        try {
            return RidgeStatistics.restore(stateFromAvro(state));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("malformed ridge regression state: " + e.getMessage(), e);
        }
    }

    /**
     * The statistics an Avro state holds, yᵀy unknown, checked as far as the bytes go: what the values
     * must satisfy is checked by {@link RidgeStatistics#restore}.
     *
     * @throws IllegalStateException if the header is malformed or L or b has the wrong number of bytes
     */
    public static RidgeStatistics.State stateFromAvro(RidgeRegressionState state) {
        int d = state.getDimension();
        double lambda = state.getRegularization();
        if (d < 1 || !(lambda > 0) || Double.isInfinite(lambda) || state.getObservations() < 0) {
            throw new IllegalStateException("malformed ridge regression state: dimension " + d
                + ", regularization " + lambda + ", observations " + state.getObservations());
        }
        double[] packed = LittleEndianDoubles.fromBytes(
            state.getCholesky(), CholeskyFactor.packedLength(d), "cholesky");
        double[] b = LittleEndianDoubles.fromBytes(state.getB(), d, "b");
        return new RidgeStatistics.State(d, lambda, state.getObservations(), Double.NaN, packed, b);
    }

    /** Appends d, λ, the row count, L and b. */
    public static void writeWithCount(RidgeStatistics.State s, StateWriter w) {
        w.putLong(s.dimension()).putDouble(s.regularization()).putLong(s.observations());
        w.putDoubles(s.cholesky(), s.cholesky().length).putDoubles(s.b(), s.dimension());
    }

    /** Reads what {@link #writeWithCount} wrote; yᵀy is not kept (NaN). Values are checked on restore. */
    public static RidgeStatistics.State readWithCount(StateReader r) {
        int d = r.getSize();
        double lambda = r.getDouble();
        long observations = r.getLong();
        double[] packed = r.getDoubles();
        double[] b = r.getDoubles();
        return new RidgeStatistics.State(d, lambda, observations, Double.NaN, packed, b);
    }

    /** Appends d, λ, yᵀy, L and b; the row count is the caller's to store. */
    public static void writeWithLabelSquares(RidgeStatistics.State s, StateWriter w) {
        w.putLong(s.dimension()).putDouble(s.regularization()).putDouble(s.labelSquares());
        w.putDoubles(s.cholesky(), s.cholesky().length).putDoubles(s.b(), s.dimension());
    }

    /** Reads what {@link #writeWithLabelSquares} wrote, with the row count the caller stored. */
    public static RidgeStatistics.State readWithLabelSquares(StateReader r, long observations) {
        int d = r.getSize();
        double lambda = r.getDouble();
        double yy = r.getDouble();
        double[] packed = r.getDoubles();
        double[] b = r.getDoubles();
        return new RidgeStatistics.State(d, lambda, observations, yy, packed, b);
    }
}
