/**
 * The stored forms of the learners' state, one scheme for every family: learners expose plain Java
 * state — {@link io.regretless.bandit.BanditState} (ridge arms as
 * {@link io.regretless.linalg.RidgeStatistics.State}, a multi-armed learner's
 * {@link io.regretless.bandit.mab.MabState}), the reward model's per-action statistics, the experts
 * learners', the conformal calibrators' and interval evaluators' {@code State} records — and the codecs here
 * translate them to the Avro records of the stores, changelogs and topics, bit for bit, so that the same updates
 * give the same bytes. The experts and conformal records are stored as positional
 * {@link io.regretless.codec.PackedState}s written through {@link io.regretless.codec.StateWriter}
 * ({@link io.regretless.codec.ExpertsStateCodec}, {@link io.regretless.codec.ConformalStateCodec},
 * {@link io.regretless.codec.IntervalEvaluatorCodec}); no learner's package reads or writes one.
 *
 * <p>Every stored state names its version: an Avro record by its writer schema's fingerprint, each codec
 * declaring the schema version it writes ({@code SCHEMA_VERSION}, checked against the released history
 * when the codec loads, {@link io.regretless.codec.VersionedRecordCodec}) and reading every earlier one;
 * a {@code PackedState} by the {@code .vN} suffix of its kind (none is version 1), checked by
 * {@link io.regretless.codec.StateReader}. A version this build does not read is refused with an error
 * that names it.
 */
package io.regretless.codec;
