/**
 * Sleeping experts and groupwise regret: one prediction whose regret is small on every group a case
 * belongs to (Acharya, Arunachaleswaran, Kannan, Roth &amp; Ziani, "Oracle Efficient Algorithms for
 * Groupwise Regret", ICLR 2024; reference code krishnacharya/multidecomp).
 *
 * <ul>
 *   <li>{@link io.regretless.experts.SleepingAdaNormalHedge} and {@link io.regretless.experts.SleepingHedge}:
 *       combiners over a changing awake set.</li>
 *   <li>{@link io.regretless.experts.GroupwiseRidge}: a pooled online ridge regression and one per group
 *       shrunk toward it, combined by sleeping exponential weights over their predictions
 *       ({@link io.regretless.experts.SleepingHedge}; "features" mode);
 *       {@link io.regretless.experts.GroupIndicatorRidge} is the paper's baseline.</li>
 *   <li>{@link io.regretless.experts.AdviceCombiner}: external experts' predictions combined by sleeping
 *       AdaNormalHedge ("advice" mode).</li>
 *   <li>{@link io.regretless.experts.GroupRegret}: regret on one group against the least-squares fit in
 *       hindsight, from sufficient statistics.</li>
 * </ul>
 *
 * <p>Every learner gives its state as a plain record ({@code state()}) and is restored from one bit for bit;
 * {@link io.regretless.codec.ExpertsStateCodec} stores them.
 * Plain, deterministic Java; no Kafka.
 */
package io.regretless.experts;
