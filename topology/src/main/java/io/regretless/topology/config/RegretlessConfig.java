package io.regretless.topology.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.experts.LabelRange;
import io.regretless.experts.LossFunction;
import io.regretless.schemas.codec.WireFormat;

/**
 * The application's own configuration, read from the same properties as Kafka Streams'.
 *
 * <pre>
 * regretless.topic.prefix=regretless
 * regretless.models=checkout,homepage
 * regretless.model.checkout.learner=linucb          # linucb | lints | squarecb | egreedy
 * regretless.model.checkout.shared=false            # one model per action (false) or one shared model
 * regretless.model.checkout.dimension=64            # hashed feature dimension d
 * regretless.model.checkout.regularization=1.0      # ridge lambda
 * regretless.model.checkout.exploration=1.0         # alpha | v | gamma0 | epsilon
 * regretless.model.checkout.seed=42
 * regretless.model.checkout.max.arms=32
 * regretless.model.checkout.attribution.window.ms=60000
 * regretless.model.checkout.default.reward=0.0
 * regretless.model.checkout.max.features=1024
 * regretless.model.checkout.max.actions=64
 * regretless.max.state.bytes=900000                 # refuse models whose state could exceed it
 * regretless.punctuation.interval.ms=1000           # windows close at multiples of this in stream time
 * regretless.snapshot.interval.ms=60000             # models to the compacted snapshot topic (wall clock); 0 = never
 * regretless.state.store.type=rocksdb               # rocksdb | in-memory (both changelog-backed)
 * regretless.fail.on.data.loss=false               # stop when input was deleted before it was read
 * regretless.health.stall.timeout.ms=60000         # unready when a task with input commits nothing this long
 * regretless.output.format=json                     # json | avro: how output topic values are written
 *
 * regretless.conformal.models=temperature
 * regretless.conformal.model.temperature.calibrator=default # default | multivalid | scp | scp-window | nexcp | aci | faci | sf-ogd | faci-s | saocp | quantile-tracker
 * regretless.conformal.model.temperature.coverage=0.9
 * regretless.conformal.model.temperature.warmup=20          # labels that warm-start the calibrator
 * regretless.conformal.model.temperature.lce.window=100
 * regretless.conformal.model.temperature.label.window.ms=86400000
 * regretless.conformal.model.temperature.exact.history=16384 # scores SCP, ACI, FACI rank exactly; a summary after
 * regretless.conformal.model.temperature.aci.gamma=0.005
 *
 * regretless.experts.models=claims,prices
 * regretless.experts.model.claims.mode=advice               # advice | features
 * regretless.experts.model.claims.groups=young,old,north    # known groups, fixed order
 * regretless.experts.model.claims.experts=gbm,glm,actuary   # advice mode: known experts
 * regretless.experts.model.claims.loss=square               # square | absolute (the hedge's loss)
 * regretless.experts.model.claims.label.low=0.0             # label range: predictions are clipped to it
 * regretless.experts.model.claims.label.high=1.0
 * regretless.experts.model.claims.label.window.ms=86400000
 * regretless.experts.model.prices.mode=features
 * regretless.experts.model.prices.dimension=20              # features mode: exact feature vector length
 * regretless.experts.model.prices.shrinkage=100             # features mode: λ of the group models (default 100)
 * </pre>
 *
 * Every model's worst-case state (bandits: arms × (d(d+1)/2 + d) doubles; experts: see
 * {@link ExpertsModelConfig#maxStateBytes()}; conformal: {@link ConformalModelConfig#maxStateBytes()}) must fit {@code max.state.bytes}, which must stay under
 * the changelog topic's {@code max.message.bytes} (1 MB by default). Experts model ids must differ
 * from bandit and conformal ones (they share the snapshot topic and the HTTP model view).
 *
 * <p>Input topics accept single-object Avro and natural JSON alike; {@code output.format} chooses
 * how decisions, feedback, intervals, evaluations, combined predictions, dead letters and model
 * snapshots are written. JSON by default, so that console tools show them as they are; Avro is
 * smaller and cheaper to write. State stores are Avro whatever the setting.
 */
public record RegretlessConfig(
        Topics topics, Map<String, ModelConfig> models, Map<String, ConformalModelConfig> conformal,
        Map<String, ExpertsModelConfig> experts, long maxStateBytes, Duration punctuationInterval,
        Duration snapshotInterval, StoreType storeType, boolean failOnDataLoss, Duration stallTimeout,
        WireFormat outputFormat) {

    public static final String PREFIX = "regretless.";

    public RegretlessConfig {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        conformal = Collections.unmodifiableMap(new LinkedHashMap<>(conformal));
        experts = Collections.unmodifiableMap(new LinkedHashMap<>(experts));
        if (models.isEmpty() && conformal.isEmpty() && experts.isEmpty()) {
            throw new IllegalArgumentException("no models configured: set regretless.models, "
                + "regretless.conformal.models and/or regretless.experts.models");
        }
        for (Map.Entry<String, ExpertsModelConfig> model : experts.entrySet()) {
            if (models.containsKey(model.getKey()) || conformal.containsKey(model.getKey())) {
                throw new IllegalArgumentException("experts model '" + model.getKey()
                    + "' has the id of a bandit or conformal model; ids must be distinct");
            }
            long bound = model.getValue().maxStateBytes();
            if (bound > maxStateBytes) {
                throw new IllegalArgumentException("experts model '" + model.getKey() + "' could grow to " + bound
                    + " bytes of state, over regretless.max.state.bytes=" + maxStateBytes
                    + ": lower its dimension, groups or experts");
            }
        }
        for (Map.Entry<String, ConformalModelConfig> model : conformal.entrySet()) {
            long bound = model.getValue().maxStateBytes();
            if (bound > maxStateBytes) {
                throw new IllegalArgumentException("conformal model '" + model.getKey() + "' could grow to " + bound
                    + " bytes of state, over regretless.max.state.bytes=" + maxStateBytes
                    + ": lower its exact.history or window");
            }
        }
        for (Map.Entry<String, ModelConfig> model : models.entrySet()) {
            long bound = model.getValue().bandit().maxStateBytes();
            if (bound > maxStateBytes) {
                throw new IllegalArgumentException("model '" + model.getKey() + "' could grow to " + bound
                    + " bytes of state, over regretless.max.state.bytes=" + maxStateBytes
                    + ": lower its dimension or max.arms");
            }
        }
    }

    /** Reads the configuration; a missing or malformed setting is reported by its property name. */
    public static RegretlessConfig fromProperties(Properties props) {
        Settings settings = new Settings(props);
        Topics topics = new Topics(settings.string("regretless.topic.prefix", "regretless"));
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        for (String id : modelIds(settings.string("regretless.models", ""))) {
            models.put(id, model(settings, id));
        }
        Map<String, ConformalModelConfig> conformal = new LinkedHashMap<>();
        for (String id : modelIds(settings.string("regretless.conformal.models", ""))) {
            conformal.put(id, conformalModel(settings, id));
        }
        Map<String, ExpertsModelConfig> experts = new LinkedHashMap<>();
        for (String id : modelIds(settings.string("regretless.experts.models", ""))) {
            experts.put(id, expertsModel(settings, id));
        }
        return new RegretlessConfig(topics, models, conformal, experts,
            settings.longValue("regretless.max.state.bytes", 900_000L),
            Duration.ofMillis(settings.longValue("regretless.punctuation.interval.ms", 1_000L)),
            Duration.ofMillis(settings.longValue("regretless.snapshot.interval.ms", 60_000L)),
            settings.parse("regretless.state.store.type", "rocksdb", StoreType::parse),
            settings.bool("regretless.fail.on.data.loss", false),
            Duration.ofMillis(settings.longValue("regretless.health.stall.timeout.ms", 60_000L)),
            settings.parse("regretless.output.format", WireFormat.JSON.wireName(), WireFormat::parse));
    }

    private static List<String> modelIds(String list) {
        List<String> ids = new ArrayList<>();
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        return ids;
    }

    private static ExpertsModelConfig expertsModel(Settings settings, String id) {
        String p = "regretless.experts.model." + id + ".";
        Mode mode = settings.parse(p + "mode", null, Mode::parse);
        List<String> groups = settings.parse(p + "groups", "", RegretlessConfig::names);
        for (String other : mode == Mode.ADVICE ? List.of(p + "dimension", p + "shrinkage") : List.of(p + "experts")) {
            if (!settings.string(other, "").isEmpty()) {
                throw new IllegalArgumentException(other + " does not apply to a model in " + mode.wireName() + " mode");
            }
        }
        List<String> experts = mode == Mode.ADVICE ? settings.parse(p + "experts", null, RegretlessConfig::names) : List.of();
        int dimension = mode == Mode.FEATURES ? settings.intValue(p + "dimension", 0) : 0;
        if (mode == Mode.FEATURES && dimension < 1) {
            throw new IllegalArgumentException("missing or bad setting " + p + "dimension: features mode needs >= 1");
        }
        LossFunction loss = settings.parse(p + "loss", "square", LossFunction::parse);
        double low = settings.doubleValue(p + "label.low", 0.0);
        double high = settings.doubleValue(p + "label.high", 1.0);
        double shrinkage = mode == Mode.FEATURES
            ? settings.doubleValue(p + "shrinkage", GroupwiseRidge.DEFAULT_SHRINKAGE) : 0.0;
        try {
            return new ExpertsModelConfig(mode, groups, experts, dimension, loss, new LabelRange(low, high),
                Duration.ofMillis(settings.longValue(p + "label.window.ms", 86_400_000L)), shrinkage);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad settings " + p + "*: " + e.getMessage(), e);
        }
    }

    /** A comma-separated list of names, blanks dropped, each trimmed. */
    private static List<String> names(String list) {
        return modelIds(list);
    }

    private static ConformalModelConfig conformalModel(Settings settings, String id) {
        String p = "regretless.conformal.model." + id + ".";
        if (!settings.string(p + "max.history", "").isEmpty()) {
            throw new IllegalArgumentException(p + "max.history is gone: SCP, NExCP, ACI and FACI now use every past "
                + "score, exactly up to " + p + "exact.history and summarised after it; drop the setting");
        }
        CalibratorKind kind = settings.parse(p + "calibrator", "default", CalibratorKind::parse);
        CalibratorConfig calibration = settings.parse(p + "coverage", "0.9", v -> CalibratorConfig.of(Double.parseDouble(v)))
            .withExactHistory(settings.intValue(p + "exact.history", CalibratorConfig.DEFAULT_EXACT_HISTORY))
            .withAciGamma(settings.doubleValue(p + "aci.gamma", 0.005));
        return new ConformalModelConfig(kind, calibration,
            settings.intValue(p + "warmup", 20),
            settings.intValue(p + "lce.window", 100),
            Duration.ofMillis(settings.longValue(p + "label.window.ms", 86_400_000L)));
    }

    private static ModelConfig model(Settings settings, String id) {
        String p = "regretless.model." + id + ".";
        LearnerKind kind = settings.parse(p + "learner", null, LearnerKind::parse);
        BanditConfig bandit = new BanditConfig(kind,
            settings.bool(p + "shared", false),
            settings.intValue(p + "dimension", 64),
            settings.doubleValue(p + "regularization", 1.0),
            settings.doubleValue(p + "exploration", kind.defaultExploration()),
            settings.longValue(p + "seed", 42L),
            settings.intValue(p + "max.arms", 32));
        return new ModelConfig(bandit,
            Duration.ofMillis(settings.longValue(p + "attribution.window.ms", 60_000L)),
            settings.doubleValue(p + "default.reward", 0.0),
            settings.intValue(p + "max.features", 1024),
            settings.intValue(p + "max.actions", 64));
    }
}
