package io.regretless.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.Calibrators;
import io.regretless.conformal.metrics.IntervalEvaluator;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.experts.LabelRange;
import io.regretless.experts.LossFunction;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.state.ConformalModelState;
import io.regretless.schemas.state.ExpertsModelState;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.schemas.state.MultiArmedState;
import io.regretless.schemas.state.RidgeRegressionState;
import io.regretless.schemas.state.ShadowEvaluationState;

/** Every stored state says which version it is, and a version this build does not know is refused as such. */
class StoredVersionsTest {
    private static final BanditConfig LINUCB = new BanditConfig(LearnerKind.LINUCB, false, 3, 1.0, 1.0, 1L, 8);

    @Test
    void eachCodecWritesTheNewestReleasedSchema() {
        assertEquals(LinearBanditCodec.SCHEMA_VERSION, VersionedRecordCodec.requireNewest(LinearBanditState.class,
            LinearBanditCodec.SCHEMA_VERSION));
        VersionedRecordCodec.requireNewest(ConformalModelState.class, ConformalSeriesCodec.SCHEMA_VERSION);
        VersionedRecordCodec.requireNewest(ExpertsModelState.class, ExpertsModelCodec.SCHEMA_VERSION);
        VersionedRecordCodec.requireNewest(MultiArmedState.class, MabStateCodec.SCHEMA_VERSION);
        VersionedRecordCodec.requireNewest(RidgeRegressionState.class, RidgeStatisticsCodec.SCHEMA_VERSION);
        VersionedRecordCodec.requireNewest(ShadowEvaluationState.class, ShadowEvaluationCodec.SCHEMA_VERSION);
        assertThrows(IllegalStateException.class,
            () -> VersionedRecordCodec.requireNewest(LinearBanditState.class, LinearBanditCodec.SCHEMA_VERSION - 1));
    }

    @Test
    void aRecordOfAnUnknownSchemaVersionIsRefusedNamingTheVersionsRead() {
        byte[] bytes = LinearBanditCodec.encode(LinearBandits.create(LINUCB), "m");
        byte[] unknown = Arrays.copyOf(bytes, bytes.length);
        for (int i = 2; i < 10; i++) {
            unknown[i] = (byte) ~unknown[i]; // another writer schema's fingerprint, same body
        }
        UnreadableRecordException e = assertThrows(UnreadableRecordException.class,
            () -> LinearBanditCodec.decode(unknown, LINUCB));
        assertTrue(e.getMessage().contains("reads versions 1 to " + LinearBanditCodec.SCHEMA_VERSION), e.getMessage());
        assertEquals(0L, LinearBanditCodec.decode(bytes, LINUCB).version(), "the original still reads");
    }

    @Test
    void aPackedStateOfAnotherLayoutVersionIsRefusedNamingBoth() {
        PackedState state = ExpertsStateCodec.export(new GroupwiseRidge(2, 1, LossFunction.SQUARE, LabelRange.UNIT));
        PackedState newer = new PackedState("experts.groupwise-ridge.v3", state.doubles(), state.longs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpertsStateCodec.restoreGroupwiseRidge(newer));
        assertTrue(e.getMessage().contains("version 3") && e.getMessage().contains("reads version 2"), e.getMessage());
        PackedState other = new PackedState("experts.group-regret.v1", state.doubles(), state.longs());
        assertThrows(IllegalArgumentException.class, () -> ExpertsStateCodec.restoreGroupwiseRidge(other));
    }

    @Test
    void aCalibratorOrEvaluatorStateOfAnotherLayoutVersionIsRefusedNamingBoth() {
        PackedState faci = ConformalStateCodec.export(
            Calibrators.warmStart(CalibratorKind.FACI, CalibratorConfig.of(0.9), new double[] {1, 2, 3}));
        PackedState newer = new PackedState("faci.v2", faci.doubles(), faci.longs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConformalStateCodec.restore(newer));
        assertTrue(e.getMessage().contains("version 2") && e.getMessage().contains("reads version 1"), e.getMessage());
        assertEquals(faci, ConformalStateCodec.export(ConformalStateCodec.restore(faci)), "the original still reads");

        PackedState evaluator = IntervalEvaluatorCodec.export(new IntervalEvaluator(0.9, 100, 10));
        PackedState v3 = new PackedState("interval-evaluator-3", evaluator.doubles(), evaluator.longs());
        e = assertThrows(IllegalArgumentException.class, () -> IntervalEvaluatorCodec.restoreIntervalEvaluator(v3));
        assertTrue(e.getMessage().contains("version 3") && e.getMessage().contains("reads version 2"), e.getMessage());
    }
}
