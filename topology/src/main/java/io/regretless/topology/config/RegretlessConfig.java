package io.regretless.topology.config;

import static io.regretless.topology.config.RegretlessSettings.ACI_GAMMA;
import static io.regretless.topology.config.RegretlessSettings.ACTION_FEATURES;
import static io.regretless.topology.config.RegretlessSettings.ATTRIBUTION_WINDOW_MS;
import static io.regretless.topology.config.RegretlessSettings.CALIBRATOR;
import static io.regretless.topology.config.RegretlessSettings.CONFORMAL_GROUPS;
import static io.regretless.topology.config.RegretlessSettings.CONFORMAL_LABEL_WINDOW_MS;
import static io.regretless.topology.config.RegretlessSettings.CONFORMAL_MODELS;
import static io.regretless.topology.config.RegretlessSettings.COVERAGE;
import static io.regretless.topology.config.RegretlessSettings.DEFAULT_REWARD;
import static io.regretless.topology.config.RegretlessSettings.REWARD_WAIT_MS;
import static io.regretless.topology.config.RegretlessSettings.DIMENSION;
import static io.regretless.topology.config.RegretlessSettings.DISCOUNT;
import static io.regretless.topology.config.RegretlessSettings.EXACT_HISTORY;
import static io.regretless.topology.config.RegretlessSettings.EXPERTS;
import static io.regretless.topology.config.RegretlessSettings.EXPERTS_DIMENSION;
import static io.regretless.topology.config.RegretlessSettings.EXPERTS_LABEL_WINDOW_MS;
import static io.regretless.topology.config.RegretlessSettings.EXPERTS_MODELS;
import static io.regretless.topology.config.RegretlessSettings.EXPLORATION;
import static io.regretless.topology.config.RegretlessSettings.FAIL_ON_DATA_LOSS;
import static io.regretless.topology.config.RegretlessSettings.FEATURES;
import static io.regretless.topology.config.RegretlessSettings.GROUPS;
import static io.regretless.topology.config.RegretlessSettings.HEALTH_STALL_TIMEOUT_MS;
import static io.regretless.topology.config.RegretlessSettings.HORIZON;
import static io.regretless.topology.config.RegretlessSettings.LABEL_HIGH;
import static io.regretless.topology.config.RegretlessSettings.LABEL_LOW;
import static io.regretless.topology.config.RegretlessSettings.LCE_WINDOW;
import static io.regretless.topology.config.RegretlessSettings.LEARNER;
import static io.regretless.topology.config.RegretlessSettings.LOSS;
import static io.regretless.topology.config.RegretlessSettings.MAX_ACTIONS;
import static io.regretless.topology.config.RegretlessSettings.MAX_ARMS;
import static io.regretless.topology.config.RegretlessSettings.MAX_FEATURES;
import static io.regretless.topology.config.RegretlessSettings.MAX_STATE_BYTES;
import static io.regretless.topology.config.RegretlessSettings.MODE;
import static io.regretless.topology.config.RegretlessSettings.MODELS;
import static io.regretless.topology.config.RegretlessSettings.OUTPUT_FORMAT;
import static io.regretless.topology.config.RegretlessSettings.PUNCTUATION_INTERVAL_MS;
import static io.regretless.topology.config.RegretlessSettings.REGULARIZATION;
import static io.regretless.topology.config.RegretlessSettings.SEED;
import static io.regretless.topology.config.RegretlessSettings.SHADOWS;
import static io.regretless.topology.config.RegretlessSettings.SHADOWS_PUBLISH_EVERY;
import static io.regretless.topology.config.RegretlessSettings.SHADOWS_REWARD_MAX;
import static io.regretless.topology.config.RegretlessSettings.SHADOWS_REWARD_MIN;
import static io.regretless.topology.config.RegretlessSettings.SHADOWS_WEIGHT_CAP;
import static io.regretless.topology.config.RegretlessSettings.SHARED;
import static io.regretless.topology.config.RegretlessSettings.SHRINKAGE;
import static io.regretless.topology.config.RegretlessSettings.PUBLISH_INTERVAL_MS;
import static io.regretless.topology.config.RegretlessSettings.STATE_STORE_TYPE;
import static io.regretless.topology.config.RegretlessSettings.TOPIC_PREFIX;
import static io.regretless.topology.config.RegretlessSettings.WARMUP;
import static io.regretless.topology.config.RegretlessSettings.WINDOW;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.MultiArmedSettings;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.experts.ExpertsModel;
import io.regretless.experts.LabelRange;
import io.regretless.experts.LossFunction;
import io.regretless.features.DeclaredFeatures;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.config.Setting.Scope;

/**
 * The application's own configuration, read from the same properties as Kafka Streams'. Every
 * {@code regretless.*} setting is declared in {@link RegretlessSettings} (name, values, default,
 * meaning); any other {@code regretless.*} name is refused with the name probably meant. A model's
 * settings carry its id, which must be listed:
 *
 * <pre>
 * regretless.models=checkout
 * # linucb | lints | squarecb | egreedy
 * regretless.model.checkout.learner=linucb
 * regretless.model.checkout.dimension=64
 * regretless.conformal.models=temperature
 * regretless.conformal.model.temperature.calibrator=saocp
 * regretless.experts.models=claims
 * regretless.experts.model.claims.mode=advice
 * regretless.experts.model.claims.experts=gbm,glm,actuary
 * </pre>
 *
 * Every model's worst-case state (bandits: arms × (d(d+1)/2 + d) doubles; experts: see
 * {@link ExpertsModelConfig#maxStateBytes()}; conformal: {@link ConformalModelConfig#maxStateBytes()}) must
 * fit {@code max.state.bytes}, which must stay under the changelog topic's {@code max.message.bytes}
 * (1 MB by default). Experts model ids must differ from bandit and conformal ones (they share the
 * snapshot topic and the HTTP model view).
 *
 * <p>Input topics accept single-object Avro and natural JSON alike; {@code output.format} chooses
 * how decisions, feedback, intervals, evaluations, combined predictions, dead letters and model
 * snapshots are written. JSON by default, so that console tools show them as they are; Avro is
 * smaller and cheaper to write. State stores are Avro whatever the setting.
 */
public record RegretlessConfig(
        Topics topics, Map<String, ModelConfig> models, Map<String, ConformalModelConfig> conformal,
        Map<String, ExpertsModelConfig> experts, long maxStateBytes, Duration punctuationInterval,
        Duration publishInterval, StoreType storeType, boolean failOnDataLoss, Duration stallTimeout,
        WireFormat outputFormat) {

    public static final String PREFIX = "regretless.";

    private static final String NO_MODELS = "no models configured: set " + MODELS.name() + ", "
        + CONFORMAL_MODELS.name() + " and/or " + EXPERTS_MODELS.name();

    public RegretlessConfig {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        conformal = Collections.unmodifiableMap(new LinkedHashMap<>(conformal));
        experts = Collections.unmodifiableMap(new LinkedHashMap<>(experts));
        List<String> problems = new ArrayList<>();
        if (models.isEmpty() && conformal.isEmpty() && experts.isEmpty()) {
            problems.add(NO_MODELS);
        }
        problems.addAll(sharedIds(List.copyOf(models.keySet()), List.copyOf(conformal.keySet()),
            List.copyOf(experts.keySet())));
        problems.addAll(stateBounds(models, conformal, experts, maxStateBytes));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /**
     * Reads the {@code regretless.*} settings (other properties are Kafka's and ignored here).
     *
     * @throws IllegalArgumentException naming every unknown, missing or malformed setting, one per line
     */
    public static RegretlessConfig fromProperties(Properties props) {
        List<ConfigProblem> problems = new ArrayList<>();
        RegretlessConfig config = read(props, problems);
        if (config == null) {
            throw new IllegalArgumentException(problems.stream().map(ConfigProblem::message)
                .collect(Collectors.joining("\n")));
        }
        return config;
    }

    /** The configuration, or null after adding every problem of the {@code regretless.*} settings to {@code problems}. */
    static RegretlessConfig read(Properties props, List<ConfigProblem> problems) {
        Settings settings = new Settings(props);
        Map<Scope, List<String>> ids = new EnumMap<>(Scope.class);
        Map<Scope, List<String>> readableIds = new EnumMap<>(Scope.class);
        Map<Scope, Setting<List<String>>> lists = new EnumMap<>(Map.of(
            Scope.BANDIT, MODELS, Scope.CONFORMAL, CONFORMAL_MODELS, Scope.EXPERTS, EXPERTS_MODELS));
        for (Map.Entry<Scope, Setting<List<String>>> list : lists.entrySet()) {
            Scope scope = list.getKey();
            int before = settings.problemCount();
            ids.put(scope, settings.get(list.getValue()));
            if (settings.problemCount() == before) {
                readableIds.put(scope, ids.get(scope));
            }
        }
        // A list that cannot be read says nothing about which of its models' settings are unknown.
        List<ConfigProblem> found = new ArrayList<>(UnknownSettings.find(props.stringPropertyNames(), readableIds));

        String prefix = settings.get(TOPIC_PREFIX);
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        ids.get(Scope.BANDIT).forEach(id -> putIfRead(models, id, model(settings, id)));
        Map<String, ConformalModelConfig> conformal = new LinkedHashMap<>();
        ids.get(Scope.CONFORMAL).forEach(id -> putIfRead(conformal, id, conformalModel(settings, id)));
        Map<String, ExpertsModelConfig> experts = new LinkedHashMap<>();
        ids.get(Scope.EXPERTS).forEach(id -> putIfRead(experts, id, expertsModel(settings, id)));
        int before = settings.problemCount();
        long maxStateBytes = settings.get(MAX_STATE_BYTES);
        boolean boundKnown = settings.problemCount() == before;
        long punctuation = settings.get(PUNCTUATION_INTERVAL_MS);
        long publish = settings.get(PUBLISH_INTERVAL_MS);
        StoreType storeType = settings.get(STATE_STORE_TYPE);
        boolean failOnDataLoss = settings.get(FAIL_ON_DATA_LOSS);
        long stallTimeout = settings.get(HEALTH_STALL_TIMEOUT_MS);
        WireFormat outputFormat = settings.get(OUTPUT_FORMAT);
        found.addAll(settings.problems());

        List<String> whole = new ArrayList<>();
        if (readableIds.size() == ids.size() && ids.values().stream().allMatch(List::isEmpty)) {
            whole.add(NO_MODELS);
        }
        whole.addAll(sharedIds(ids.get(Scope.BANDIT), ids.get(Scope.CONFORMAL), ids.get(Scope.EXPERTS)));
        if (boundKnown) {
            whole.addAll(stateBounds(models, conformal, experts, maxStateBytes));
        }
        whole.forEach(message -> found.add(new ConfigProblem(null, message)));
        problems.addAll(found);
        if (!found.isEmpty()) {
            return null;
        }
        return new RegretlessConfig(new Topics(prefix), models, conformal, experts, maxStateBytes,
            Duration.ofMillis(punctuation), Duration.ofMillis(publish), storeType, failOnDataLoss,
            Duration.ofMillis(stallTimeout), outputFormat);
    }

    private static <T> void putIfRead(Map<String, T> models, String id, T model) {
        if (model != null) {
            models.put(id, model);
        }
    }

    private static List<String> sharedIds(List<String> bandit, List<String> conformal, List<String> experts) {
        List<String> problems = new ArrayList<>();
        for (String id : experts) {
            if (bandit.contains(id) || conformal.contains(id)) {
                problems.add(EXPERTS_MODELS.name() + ": experts model '" + id + "' has the id of a "
                    + (bandit.contains(id) ? "bandit" : "conformal") + " model; ids must be distinct");
            }
        }
        return problems;
    }

    private static List<String> stateBounds(Map<String, ModelConfig> models, Map<String, ConformalModelConfig> conformal,
                                            Map<String, ExpertsModelConfig> experts, long maxStateBytes) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ConformalModelConfig> model : conformal.entrySet()) {
            long bound = model.getValue().maxStateBytes();
            if (bound > maxStateBytes) {
                problems.add("conformal model '" + model.getKey() + "' could grow to " + bound
                    + " bytes of state, over " + MAX_STATE_BYTES.name() + "=" + maxStateBytes
                    + ": lower its exact.history or window");
            }
        }
        for (Map.Entry<String, ExpertsModelConfig> model : experts.entrySet()) {
            long bound = model.getValue().maxStateBytes();
            if (bound > maxStateBytes) {
                problems.add("experts model '" + model.getKey() + "' could grow to " + bound
                    + " bytes of state, over " + MAX_STATE_BYTES.name() + "=" + maxStateBytes
                    + ": lower its dimension, groups or experts");
            }
        }
        for (Map.Entry<String, ModelConfig> model : models.entrySet()) {
            long bound = model.getValue().bandit().maxStateBytes();
            if (bound > maxStateBytes) {
                problems.add("model '" + model.getKey() + "' could grow to " + bound
                    + " bytes of state, over " + MAX_STATE_BYTES.name() + "=" + maxStateBytes
                    + (model.getValue().bandit().kind().multiArmed() ? ": lower its max.arms or window"
                        : ": lower its dimension or max.arms"));
            } else if (model.getValue().shadows().enabled()) {
                // the reward model of DM and DR, and any disjoint candidate, keep one regression per arm
                BanditConfig b = model.getValue().bandit();
                long shadowBound = b.bytesPerArm() * b.maxArms();
                if (shadowBound > maxStateBytes) {
                    problems.add("model '" + model.getKey() + "' has shadow policies, whose reward model (one ridge "
                        + "regression per arm) could grow to " + shadowBound + " bytes of state, over "
                        + MAX_STATE_BYTES.name() + "=" + maxStateBytes + ": lower its dimension or max.arms");
                }
            }
        }
        return problems;
    }

    /** A bandit model's configuration, or null when a problem with its settings was recorded. */
    private static ModelConfig model(Settings settings, String id) {
        int before = settings.problemCount();
        LearnerKind kind = settings.get(LEARNER, id);
        boolean shared = settings.get(SHARED, id);
        int dimension = settings.get(DIMENSION, id);
        List<String> contextFeatures = settings.get(FEATURES, id);
        List<String> actionFeatures = settings.get(ACTION_FEATURES, id);
        int declared = contextFeatures.size() + actionFeatures.size();
        if (declared > 0 && dimension < declared + 2) {
            settings.refuse(DIMENSION.key(id), "bad value for " + DIMENSION.key(id) + "=" + dimension + ": the model "
                + "declares " + declared + " features (" + FEATURES.key(id) + ", " + ACTION_FEATURES.key(id) + "), which "
                + "with the bias and at least one coordinate for the names not declared need a dimension of at least "
                + (declared + 2));
        }
        double regularization = settings.get(REGULARIZATION, id);
        double exploration = settings.get(EXPLORATION, id, kind == null ? 0.0 : kind.defaultExploration());
        if (kind == LearnerKind.EPSILON_GREEDY && exploration > 1) {
            settings.refuse(EXPLORATION.key(id), "bad value for " + EXPLORATION.key(id) + "=" + exploration
                + ": egreedy's epsilon is a probability, at most 1");
        }
        if (kind != null && !kind.hasExploration() && settings.isSet(EXPLORATION, id)) {
            settings.refuse(EXPLORATION.key(id), EXPLORATION.key(id) + " does not apply to " + kind.shortName()
                + ", which has no exploration parameter");
        }
        if (kind != null && kind.hasExploration() && kind.multiArmed() && exploration == 0) {
            settings.refuse(EXPLORATION.key(id), "bad value for " + EXPLORATION.key(id) + "=" + exploration + ": "
                + kind.shortName() + "'s " + kind.explorationName() + " must be > 0");
        }
        if (kind != null && kind.multiArmed() && shared) {
            settings.refuse(SHARED.key(id), "bad value for " + SHARED.key(id) + "=true: " + kind.shortName()
                + " learns one statistic per action and has no features to share");
        }
        if (kind != null && kind.multiArmed() && declared > 0) {
            Setting<List<String>> set = contextFeatures.isEmpty() ? ACTION_FEATURES : FEATURES;
            settings.refuse(set.key(id), set.key(id) + " does not apply to " + kind.shortName()
                + ", which learns one statistic per action and reads no features");
        }
        double discount = settings.get(DISCOUNT, id);
        int slidingWindow = settings.get(WINDOW, id);
        long horizon = settings.get(HORIZON, id);
        refuseUnless(settings, DISCOUNT, id, kind, LearnerKind.DISCOUNTED_THOMPSON);
        refuseUnless(settings, WINDOW, id, kind, LearnerKind.SLIDING_WINDOW_UCB);
        refuseUnless(settings, HORIZON, id, kind, LearnerKind.EXP3_IX);
        long seed = settings.get(SEED, id);
        int maxArms = settings.get(MAX_ARMS, id);
        long window = settings.get(ATTRIBUTION_WINDOW_MS, id);
        double defaultReward = settings.get(DEFAULT_REWARD, id);
        if (kind != null && kind.needsUnitRewards() && !(defaultReward >= 0 && defaultReward <= 1)) {
            settings.refuse(DEFAULT_REWARD.key(id), "bad value for " + DEFAULT_REWARD.key(id) + "=" + defaultReward
                + ": " + kind.shortName() + " learns rewards in [0, 1]");
        }
        long rewardWait = settings.get(REWARD_WAIT_MS, id);
        int maxFeatures = settings.get(MAX_FEATURES, id);
        int maxActions = settings.get(MAX_ACTIONS, id);
        List<CandidateSpec> candidates = settings.get(SHADOWS, id);
        int publishEvery = settings.get(SHADOWS_PUBLISH_EVERY, id);
        int rangeBefore = settings.problemCount();
        double rewardMin = settings.get(SHADOWS_REWARD_MIN, id);
        double rewardMax = settings.get(SHADOWS_REWARD_MAX, id);
        if (settings.problemCount() == rangeBefore && !(rewardMax > rewardMin && Double.isFinite(rewardMax - rewardMin))) {
            settings.refuse(SHADOWS_REWARD_MAX.key(id), "bad value for " + SHADOWS_REWARD_MAX.key(id) + "=" + rewardMax
                + ": the reward range needs " + SHADOWS_REWARD_MIN.key(id) + " < " + SHADOWS_REWARD_MAX.key(id) + ", got ["
                + rewardMin + ", " + rewardMax + "]");
        }
        double weightCap = settings.get(SHADOWS_WEIGHT_CAP, id);
        if (settings.problemCount() > before) {
            return null;
        }
        BanditConfig bandit = built(settings, Scope.BANDIT, id, () -> new BanditConfig(kind, shared, dimension,
            regularization, exploration, seed, maxArms, new MultiArmedSettings(discount, slidingWindow, horizon),
            DeclaredFeatures.of(contextFeatures, actionFeatures)));
        if (bandit == null) {
            return null;
        }
        ShadowConfig shadows = new ShadowConfig(candidates, publishEvery, rewardMin, rewardMax, weightCap);
        if (shadows.enabled()) {
            try {
                shadows.setup(bandit);
            } catch (IllegalArgumentException e) {
                settings.refuse(SHADOWS.key(id), "bad value for " + SHADOWS.key(id) + ": " + e.getMessage());
                return null;
            }
        }
        return built(settings, Scope.BANDIT, id, () -> new ModelConfig(bandit, Duration.ofMillis(window), defaultReward,
            maxFeatures, maxActions, Duration.ofMillis(rewardWait), shadows));
    }

    /** A conformal series' configuration, or null when a problem with its settings was recorded. */
    private static ConformalModelConfig conformalModel(Settings settings, String id) {
        int before = settings.problemCount();
        CalibratorKind kind = settings.get(CALIBRATOR, id);
        double coverage = settings.get(COVERAGE, id);
        int exactHistory = settings.get(EXACT_HISTORY, id);
        double aciGamma = settings.get(ACI_GAMMA, id);
        int warmup = settings.get(WARMUP, id);
        int lceWindow = settings.get(LCE_WINDOW, id);
        long labelWindow = settings.get(CONFORMAL_LABEL_WINDOW_MS, id);
        List<String> groups = settings.get(CONFORMAL_GROUPS, id);
        String groupsProblem = ConformalModelConfig.groupsProblem(groups);
        if (groupsProblem != null) {
            settings.refuse(CONFORMAL_GROUPS.key(id), "bad value for " + CONFORMAL_GROUPS.key(id) + ": " + groupsProblem);
        }
        if (settings.problemCount() > before) {
            return null;
        }
        return built(settings, Scope.CONFORMAL, id, () -> new ConformalModelConfig(kind,
            CalibratorConfig.of(coverage).withExactHistory(exactHistory).withAciGamma(aciGamma), warmup, lceWindow,
            Duration.ofMillis(labelWindow), groups));
    }

    /** A sleeping-experts model's configuration, or null when a problem with its settings was recorded. */
    private static ExpertsModelConfig expertsModel(Settings settings, String id) {
        int before = settings.problemCount();
        Mode mode = settings.get(MODE, id);
        List<String> groups = settings.get(GROUPS, id);
        if (groups.contains(ExpertsModel.ALWAYS_ON)) {
            settings.refuse(GROUPS.key(id), "bad value for " + GROUPS.key(id) + ": '" + ExpertsModel.ALWAYS_ON
                + "' is the implicit group of every case; it cannot be configured");
        }
        List<String> experts;
        int dimension;
        double shrinkage;
        if (mode == Mode.ADVICE) {
            requireFor(settings, EXPERTS, id, mode, "the known experts");
            experts = settings.get(EXPERTS, id, List.of());
            dimension = 0;
            shrinkage = 0.0;
            refuseIn(settings, EXPERTS_DIMENSION, id, mode);
            refuseIn(settings, SHRINKAGE, id, mode);
        } else if (mode == Mode.FEATURES) {
            requireFor(settings, EXPERTS_DIMENSION, id, mode, "the length of the feature vectors");
            experts = List.of();
            dimension = settings.get(EXPERTS_DIMENSION, id, 0);
            shrinkage = settings.get(SHRINKAGE, id);
            refuseIn(settings, EXPERTS, id, mode);
        } else {
            settings.get(EXPERTS, id, List.of());
            settings.get(EXPERTS_DIMENSION, id, 0);
            settings.get(SHRINKAGE, id);
            experts = List.of();
            dimension = 0;
            shrinkage = 0.0;
        }
        LossFunction loss = settings.get(LOSS, id);
        int rangeBefore = settings.problemCount();
        double low = settings.get(LABEL_LOW, id);
        double high = settings.get(LABEL_HIGH, id);
        if (settings.problemCount() == rangeBefore && !(high > low && Double.isFinite(high - low))) {
            settings.refuse(LABEL_HIGH.key(id), "bad value for " + LABEL_HIGH.key(id) + "=" + high + ": the label range needs "
                + LABEL_LOW.key(id) + " < " + LABEL_HIGH.key(id) + ", got [" + low + ", " + high + "]");
        }
        long labelWindow = settings.get(EXPERTS_LABEL_WINDOW_MS, id);
        if (settings.problemCount() > before) {
            return null;
        }
        return built(settings, Scope.EXPERTS, id, () -> new ExpertsModelConfig(mode, groups, experts, dimension, loss,
            new LabelRange(low, high), Duration.ofMillis(labelWindow), shrinkage));
    }

    /**
     * A model's configuration as {@code build} makes it, or null when its constructor refuses the
     * combination of settings (each valid alone), recorded as a problem with all of the model's settings.
     */
    private static <C> C built(Settings settings, Scope scope, String id, Supplier<C> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            settings.problem("bad settings " + allOf(scope, id) + ": " + e.getMessage());
            return null;
        }
    }

    /** The settings of one model, as a pattern: {@code regretless.model.checkout.*}. */
    private static String allOf(Scope scope, String id) {
        return scope.keyPrefix() + id + ".*";
    }

    /** Refuses a multi-armed learner's own setting on a model of another learner. */
    private static void refuseUnless(Settings settings, Setting<?> setting, String id, LearnerKind kind,
                                     LearnerKind owner) {
        if (kind != null && kind != owner && settings.isSet(setting, id)) {
            settings.refuse(setting.key(id), setting.key(id) + " applies only to " + owner.shortName() + ", not to "
                + kind.shortName());
        }
    }

    private static void requireFor(Settings settings, Setting<?> setting, String id, Mode mode, String what) {
        if (!settings.isSet(setting, id)) {
            settings.refuse(setting.key(id), "missing required setting " + setting.key(id) + ": " + mode.wireName()
                + " mode needs " + what + ", " + setting.type().allowed());
        }
    }

    private static void refuseIn(Settings settings, Setting<?> setting, String id, Mode mode) {
        if (settings.isSet(setting, id)) {
            settings.refuse(setting.key(id), setting.key(id) + " does not apply to a model in " + mode.wireName() + " mode");
        }
    }
}
