/**
 * Off-policy evaluation: what would a target policy have earned on traffic another policy served?
 * Running estimators (direct method, IPS, clipped IPS, SNIPS, doubly robust; Dudík, Langford &amp; Li
 * 2011; the suite of Open Bandit Pipeline, Saito et al. 2021) over {@link
 * io.regretless.evaluation.LoggedRound logged rounds}, each an immutable record holding its whole
 * O(1) running state, with 95 % normal and empirical-Bernstein intervals, effective sample size and
 * largest weight; a default reward model (per-action online ridge regression); shadow policies
 * scored progressively; and the digits replay that checks the intervals' coverage. Plain,
 * deterministic Java; no Kafka.
 */
package io.regretless.evaluation;
