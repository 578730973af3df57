package io.regretless.topology.config;

import static io.regretless.topology.config.SettingType.bool;
import static io.regretless.topology.config.SettingType.integer;
import static io.regretless.topology.config.SettingType.longInteger;
import static io.regretless.topology.config.SettingType.millis;
import static io.regretless.topology.config.SettingType.names;
import static io.regretless.topology.config.SettingType.number;
import static io.regretless.topology.config.SettingType.oneOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.MultiArmedSettings;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.conformal.CalibratorKind;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.experts.LossFunction;
import io.regretless.features.DeclaredFeatures;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.config.Setting.Scope;

/**
 * Every {@code regretless.*} setting there is. {@link RegretlessConfig#fromProperties} reads settings
 * only through these declarations and refuses any other {@code regretless.*} name, so a setting
 * exists exactly when it is declared here: adding one is one line below plus the line that reads it.
 */
public final class RegretlessSettings {
    private static final List<Setting<?>> ALL = new ArrayList<>();

    public static final Setting<String> TOPIC_PREFIX = application("regretless.topic.prefix", SettingType.topicPrefix(),
        "regretless", "every topic is <prefix>.<name>");
    public static final Setting<List<String>> MODELS = application(Scope.BANDIT.listKey(), names(), "",
        "ids of the contextual-bandit models");
    public static final Setting<List<String>> CONFORMAL_MODELS = application(Scope.CONFORMAL.listKey(), names(), "",
        "ids of the conformal prediction series");
    public static final Setting<List<String>> EXPERTS_MODELS = application(Scope.EXPERTS.listKey(), names(), "",
        "ids of the sleeping-experts models (distinct from bandit and conformal ids)");
    public static final Setting<Long> MAX_STATE_BYTES = application("regretless.max.state.bytes", longInteger(1), "900000",
        "refuse models whose state could exceed it; keep it under the changelog's max.message.bytes");
    public static final Setting<Long> PUNCTUATION_INTERVAL_MS = application("regretless.punctuation.interval.ms",
        millis(1), "1000", "attribution and label windows close at multiples of this in stream time");
    public static final Setting<Long> PUBLISH_INTERVAL_MS = application("regretless.publish.interval.ms", millis(0),
        "1000", "changed models go to the compacted model topic at most this often (wall clock), where local deciders "
            + "and the stream's decide path read them; 0 = never");
    public static final Setting<StoreType> STATE_STORE_TYPE = application("regretless.state.store.type",
        oneOf(wireNames(StoreType.values(), StoreType::wireName), StoreType::parse), "rocksdb",
        "where tasks keep their stores; both are changelog-backed");
    public static final Setting<Boolean> FAIL_ON_DATA_LOSS = application("regretless.fail.on.data.loss", bool(), "false",
        "stop when input was deleted before it was read (it is always counted and logged)");
    public static final Setting<Long> HEALTH_STALL_TIMEOUT_MS = application("regretless.health.stall.timeout.ms",
        millis(1), "60000", "unready when a task with input waiting commits nothing this long (at least 3 commit intervals)");

    public static final Setting<WireFormat> OUTPUT_FORMAT = application("regretless.output.format",
        oneOf(wireNames(WireFormat.values(), WireFormat::wireName), WireFormat::parse), WireFormat.JSON.wireName(),
        "how output topic values are written (inputs accept both); state stores are Avro whatever this says");

    public static final Setting<LearnerKind> LEARNER = bandit("learner",
        oneOf(LearnerKind::wireNames, LearnerKind::parse), null, "the algorithm (required)");
    public static final Setting<Boolean> SHARED = bandit("shared", bool(), "false",
        "one ridge model over all actions' features (true) or one per action (false); multi-armed learners cannot be shared");
    public static final Setting<Integer> DIMENSION = bandit("dimension", integer(1), "64",
        "d, the length of the feature vectors: the bias and declared features first, other names hashed into the rest");
    public static final Setting<List<String>> FEATURES = bandit("features", featureNames(), "",
        "context features with coordinates of their own, which no other name shares; p{0..63} stands for p0,...,p63; "
        + "not for multi-armed learners");
    public static final Setting<List<String>> ACTION_FEATURES = bandit("action.features", featureNames(), "",
        "action features with coordinates of their own, after the declared context features; not for multi-armed learners");
    public static final Setting<Double> REGULARIZATION = bandit("regularization", number("a number > 0", v -> v > 0), "1.0",
        "ridge lambda");
    public static final Setting<Double> EXPLORATION = bandit("exploration", number("a number >= 0", v -> v >= 0), null,
        "alpha (linucb, default 1.0) | v (lints, 0.3) | gamma0 (squarecb, 1.0) | epsilon (egreedy, 0.1, at most 1)"
            + " | v (ts-gaussian, 1.0, > 0) | xi (sw-ucb, 0.6, > 0); ucb1, ts-bernoulli, exp3-ix and ts-discounted have none");
    public static final Setting<Double> DISCOUNT = bandit("discount", number("a number in (0, 1]", v -> v > 0 && v <= 1),
        Double.toString(MultiArmedSettings.DEFAULT_DISCOUNT),
        "ts-discounted only: every count is multiplied by it per reward, so about the last 1/(1 - discount) rewards count");
    public static final Setting<Integer> WINDOW = bandit("window", integer(1),
        Integer.toString(MultiArmedSettings.DEFAULT_WINDOW), "sw-ucb only: the last this many rewards count");
    public static final Setting<Long> HORIZON = bandit("horizon", longInteger(0),
        Long.toString(MultiArmedSettings.DEFAULT_HORIZON),
        "exp3-ix only: the number of rewards its rates are tuned for (Neu 2015, Theorem 1); 0 = anytime rates");
    public static final Setting<Long> SEED = bandit("seed", SettingType.anyLong(), "42",
        "seeds every random draw, together with the request id");
    public static final Setting<Integer> MAX_ARMS = bandit("max.arms", integer(1), "32",
        "per-action models a disjoint learner keeps; requests that would add more are dead-lettered");
    public static final Setting<Long> ATTRIBUTION_WINDOW_MS = bandit("attribution.window.ms", millis(1), "60000",
        "how long (stream time) after a decision its reward is accepted");
    public static final Setting<Double> DEFAULT_REWARD = bandit("default.reward", number("a finite number", v -> true), "0.0",
        "the reward learned when the window closes without one");
    public static final Setting<Long> REWARD_WAIT_MS = bandit("reward.wait.ms", millis(0), "10000",
        "how long (stream time) a reward read before its decision waits for it, then it is dead-lettered UNKNOWN_REQUEST");
    public static final Setting<Integer> MAX_FEATURES = bandit("max.features", integer(1), "1024",
        "bound on context plus action features of one request");
    public static final Setting<Integer> MAX_ACTIONS = bandit("max.actions", integer(1), "64",
        "bound on candidate actions of one request");

    public static final Setting<List<CandidateSpec>> SHADOWS = bandit("shadows",
        new SettingType<>(() -> "a comma-separated list of candidate policies, each "
            + String.join(", ", LearnerKind.linear().stream().map(LearnerKind::shortName).toList()) + ", deployed or "
            + "uniform with optional :key=value options, e.g. linucb:alpha=0.5,squarecb,uniform,deployed",
            text -> text.isBlank() ? List.of() : CandidateSpec.parseList(text)), "",
        "shadow policies evaluated on the model's feedback (off-policy, progressively; see Shadow evaluation)");
    public static final Setting<Integer> SHADOWS_PUBLISH_EVERY = bandit("shadows.publish.every", integer(1), "100",
        "a policy-evaluation record is written after every this many feedback records of the model");
    public static final Setting<Double> SHADOWS_REWARD_MIN = bandit("shadows.reward.min",
        number("a finite number", v -> true), "0.0",
        "rewards' a-priori low end: clips the reward model of DM and DR and bounds the empirical-Bernstein intervals");
    public static final Setting<Double> SHADOWS_REWARD_MAX = bandit("shadows.reward.max",
        number("a finite number", v -> true), "1.0", "rewards' a-priori high end, above shadows.reward.min");
    public static final Setting<Double> SHADOWS_WEIGHT_CAP = bandit("shadows.weight.cap",
        number("a number > 0", v -> v > 0), "10.0", "clipped IPS caps importance weights at this");

    public static final Setting<CalibratorKind> CALIBRATOR = conformal("calibrator",
        oneOf(wireNames(CalibratorKind.values(), CalibratorKind::wireName), CalibratorKind::parse),
        CalibratorKind.DEFAULT.wireName(), "the calibration method");
    public static final Setting<Double> COVERAGE = conformal("coverage", number("a number in (0, 1)", v -> v > 0 && v < 1),
        "0.9", "target coverage of the intervals");
    public static final Setting<Integer> WARMUP = conformal("warmup", integer(1), "20",
        "labels whose residuals warm-start the calibrator; intervals are unbounded until then");
    public static final Setting<Integer> LCE_WINDOW = conformal("lce.window", integer(1), "100",
        "k of the local coverage error published with each evaluation");
    public static final Setting<Long> CONFORMAL_LABEL_WINDOW_MS = conformal("label.window.ms", millis(1), "86400000",
        "how long (stream time) a prediction waits for its label");
    public static final Setting<Integer> EXACT_HISTORY = conformal("exact.history", integer(1),
        Integer.toString(CalibratorConfig.DEFAULT_EXACT_HISTORY),
        "scores SCP, NExCP, ACI, FACI and default rank exactly (8 bytes each); a quantile summary after");
    public static final Setting<Double> ACI_GAMMA = conformal("aci.gamma", number("a number > 0", v -> v > 0), "0.005",
        "ACI's step size");
    public static final Setting<List<String>> CONFORMAL_GROUPS = conformal("groups", names(), "",
        "the groups predictions may name (at most 64, each 1 to 128 UTF-8 bytes), others are refused as UNKNOWN_GROUP; "
            + "empty: any name, up to 64 per series, accepted on first sight");

    public static final Setting<Mode> MODE = experts("mode", oneOf(wireNames(Mode.values(), Mode::wireName), Mode::parse),
        null, "advice (cases carry experts' predictions) or features (cases carry a feature vector) (required)");
    public static final Setting<List<String>> GROUPS = experts("groups", names(), "",
        "the known groups, in a fixed order; every case is also in always-on");
    public static final Setting<List<String>> EXPERTS = experts("experts", names(), null,
        "advice mode: the known experts (required there, refused in features mode)");
    public static final Setting<Integer> EXPERTS_DIMENSION = experts("dimension", integer(1), null,
        "features mode: the exact length of every feature vector (required there, refused in advice mode)");
    public static final Setting<LossFunction> LOSS = experts("loss",
        oneOf(wireNames(LossFunction.values(), LossFunction::wireName), LossFunction::parse), "square",
        "the loss the hedge learns with");
    public static final Setting<Double> LABEL_LOW = experts("label.low", number("a finite number", v -> true), "0.0",
        "the label range's low end: predictions are clipped to the range");
    public static final Setting<Double> LABEL_HIGH = experts("label.high", number("a finite number", v -> true), "1.0",
        "the label range's high end, above label.low");
    public static final Setting<Long> EXPERTS_LABEL_WINDOW_MS = experts("label.window.ms", millis(1), "86400000",
        "how long (stream time) a case waits for its label");
    public static final Setting<Double> SHRINKAGE = experts("shrinkage", number("a number > 0", v -> v > 0),
        Double.toString(GroupwiseRidge.DEFAULT_SHRINKAGE),
        "features mode: lambda of the group models, rows of evidence a group's deviation costs (refused in advice mode)");

    private static final List<Retired> RETIRED = List.of(
        new Retired(Scope.APPLICATION, "regretless.snapshot.interval.ms", "models are published at "
            + "regretless.publish.interval.ms (default 1000): rename the setting"),
        new Retired(Scope.CONFORMAL, "max.history", "SCP, NExCP, ACI and FACI now use every past score, exactly up to "
            + "exact.history and summarised after it; drop the setting"));

    /**
     * A setting that existed and does not any more: naming it is an error that says what replaced it,
     * rather than the generic unknown-setting one.
     *
     * @param scope where it applied
     * @param name  its name, as in {@link Setting#name()}
     * @param why   what to do instead
     */
    public record Retired(Scope scope, String name, String why) {
        /** Whether {@code property} is this setting's name (for any model id). */
        public boolean names(String property) {
            if (scope == Scope.APPLICATION) {
                return property.equals(name);
            }
            String suffix = "." + name;
            return property.startsWith(scope.keyPrefix()) && property.endsWith(suffix)
                && property.length() > scope.keyPrefix().length() + suffix.length();
        }
    }

    private RegretlessSettings() {
    }

    /** Every setting, in declaration order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** Settings that are gone, with what replaced them. */
    public static List<Retired> retired() {
        return RETIRED;
    }

    private static <T> Setting<T> application(String name, SettingType<T> type, String defaultValue, String doc) {
        return register(new Setting<>(Scope.APPLICATION, name, type, defaultValue, doc));
    }

    private static <T> Setting<T> bandit(String name, SettingType<T> type, String defaultValue, String doc) {
        return register(new Setting<>(Scope.BANDIT, name, type, defaultValue, doc));
    }

    private static <T> Setting<T> conformal(String name, SettingType<T> type, String defaultValue, String doc) {
        return register(new Setting<>(Scope.CONFORMAL, name, type, defaultValue, doc));
    }

    private static <T> Setting<T> experts(String name, SettingType<T> type, String defaultValue, String doc) {
        return register(new Setting<>(Scope.EXPERTS, name, type, defaultValue, doc));
    }

    private static <T> Setting<T> register(Setting<T> setting) {
        for (Setting<?> other : ALL) {
            if (other.pattern().equals(setting.pattern())) {
                throw new IllegalStateException("setting " + setting.pattern() + " is declared twice");
            }
        }
        ALL.add(setting);
        return setting;
    }

    /** Feature names, with ranges: {@link DeclaredFeatures#parseList}. */
    private static SettingType<List<String>> featureNames() {
        return new SettingType<>("a comma-separated list of distinct feature names without spaces, where name{a..b} "
            + "stands for namea, ..., nameb", DeclaredFeatures::parseList);
    }

    private static <E> List<String> wireNames(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }
}
