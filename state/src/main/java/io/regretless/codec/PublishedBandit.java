package io.regretless.codec;

import java.util.Objects;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.bandit.MultiArmedSettings;
import io.regretless.features.DeclaredFeatures;
import io.regretless.schemas.state.BanditSettings;
import io.regretless.schemas.state.LinearBanditState;

/**
 * A bandit model as it is published to the model topic: its state and the settings it decides
 * with — its declared features among them, so that requests are encoded into the same
 * coordinates — and a decider in another process restores exactly the learner the application runs.
 * The bytes are a {@code LinearBanditState} (single-object Avro) whose {@code settings} are set;
 * a multi-armed model's carry its learner's state in {@code multiArmed} and its discount, window
 * and horizon in the settings.
 *
 * @param modelId     the model
 * @param version     updates the model had applied
 * @param config      how it learns and decides
 * @param maxFeatures bound on the features of one request
 * @param maxActions  bound on the candidates of one request
 * @param state       the published bytes
 */
public record PublishedBandit(String modelId, long version, BanditConfig config, int maxFeatures, int maxActions,
                              byte[] state) {
    public PublishedBandit {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(state, "state");
    }

    /** Publishes {@code bandit}: its whole state with the settings it was configured with. */
    public static PublishedBandit of(String modelId, ContextualBandit bandit, BanditConfig config, int maxFeatures,
                                     int maxActions) {
        LinearBanditState state = LinearBanditCodec.toAvro(bandit.toState(modelId));
        state.setSettings(BanditSettings.newBuilder()
            .setLearner(config.kind().shortName())
            .setShared(config.shared())
            .setDimension(config.dimension())
            .setRegularization(config.regularization())
            .setExploration(config.exploration())
            .setSeed(config.seed())
            .setMaxArms(config.maxArms())
            .setMaxFeatures(maxFeatures)
            .setMaxActions(maxActions)
            .setDiscount(config.multiArmed().discount())
            .setWindow(config.multiArmed().window())
            .setHorizon(config.multiArmed().horizon())
            .setContextFeatures(config.features().context())
            .setActionFeatures(config.features().action())
            .build());
        return new PublishedBandit(modelId, bandit.version(), config, maxFeatures, maxActions, LinearBanditCodec.encode(state));
    }

    /**
     * Reads published bytes.
     *
     * @throws IllegalStateException if they carry no settings (a stored, not a published, state) or
     *     settings no learner accepts
     */
    public static PublishedBandit decode(byte[] bytes) {
        LinearBanditState state = LinearBanditCodec.decodeRecord(bytes);
        BanditSettings s = state.getSettings();
        if (s == null) {
            throw new IllegalStateException("model '" + state.getModelId() + "' was published without its settings");
        }
        BanditConfig config;
        try {
            config = new BanditConfig(LearnerKind.parse(s.getLearner()), s.getShared(), s.getDimension(),
                s.getRegularization(), s.getExploration(), s.getSeed(), s.getMaxArms(),
                new MultiArmedSettings(s.getDiscount(), s.getWindow(), s.getHorizon()),
                DeclaredFeatures.of(s.getContextFeatures(), s.getActionFeatures()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("model '" + state.getModelId() + "' was published with bad settings: "
                + e.getMessage(), e);
        }
        return new PublishedBandit(state.getModelId(), state.getVersion(), config, s.getMaxFeatures(), s.getMaxActions(),
            bytes);
    }

    /** A new learner holding this state; each call decodes afresh (learners are not thread-safe). */
    public ContextualBandit learner() {
        return LinearBandits.restore(config, LinearBanditCodec.fromAvro(LinearBanditCodec.decodeRecord(state)));
    }
}
