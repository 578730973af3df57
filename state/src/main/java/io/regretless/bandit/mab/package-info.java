/**
 * Multi-armed bandits without context, for requests that list only candidate arm ids: UCB1,
 * Bernoulli and Gaussian Thompson sampling, EXP3-IX for adversarial rewards, and for drift
 * discounted Thompson sampling and sliding-window UCB — each a standalone {@link
 * io.regretless.bandit.mab.MultiArmedBandit} with a plain record state. Every choice is drawn from
 * the distribution it reports; Thompson sampling's is computed by quadrature
 * ({@link io.regretless.bandit.mab.ProbabilityOfMaximum}, error ≤ 1e-9), so logged propensities are
 * exact up to that bound. {@link io.regretless.bandit.mab.MultiArmedModel} makes each a learner of
 * the topology (a {@link io.regretless.bandit.ContextualBandit} that ignores features), and
 * {@code io.regretless.codec.MabStateCodec} stores its state bit for bit. Plain, deterministic
 * Java; no Kafka.
 */
package io.regretless.bandit.mab;
