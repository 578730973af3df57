/**
 * Online conformal prediction: calibrators that turn a point forecaster's residuals into intervals with a target
 * coverage that holds under drift (Bhatnagar, Wang, Xiong &amp; Bai, "Improved Online Conformal Prediction via
 * Strongly Adaptive Online Learning", ICML 2023; reference implementation salesforce/online_conformal,
 * Apache-2.0). Every calibrator reproduces the reference's arithmetic closely enough to match its per-step radii
 * to 1e-9; see {@link io.regretless.conformal.Calibrators} for the warm start and
 * {@link io.regretless.conformal.Calibrator} for the per-step protocol. Plain, deterministic Java; no Kafka.
 */
package io.regretless.conformal;
