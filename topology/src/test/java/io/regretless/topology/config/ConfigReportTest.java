package io.regretless.topology.config;

import static io.regretless.topology.config.ValidProperties.check;
import static io.regretless.topology.config.ValidProperties.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.LearnerKind;

/**
 * Each mistake of issue 10 (typos that used to pass silently, inline comments) and each kind of bad
 * value is reported by the setting's name with what was meant or what is allowed; all of a file's
 * mistakes are reported at once.
 */
class ConfigReportTest {

    @Test
    void mistypedModelSettingSuggestsTheSettingOfThatModel() {
        assertEquals("unknown setting regretless.model.checkout.exploraton: did you mean "
            + "regretless.model.checkout.exploration?", onlyError(check("regretless.model.checkout.exploraton", "0.5")));
    }

    @Test
    void mistypedApplicationSettingSuggestsTheSetting() {
        assertEquals("unknown setting regretless.punctuaton.interval.ms: did you mean regretless.punctuation.interval.ms?",
            onlyError(check("regretless.punctuaton.interval.ms", "500")));
    }

    @Test
    void unlistedModelIdIsSaidToBeUnlistedWithTheNearestListedId() {
        ConfigReport report = check("regretless.model.chekout.learner", "linucb");
        assertEquals("unknown setting regretless.model.chekout.learner: bandit model 'chekout' is not listed in "
            + "regretless.models (did you mean checkout?)", onlyError(report));
        assertEquals("regretless.model.chekout.learner", report.errors().get(0).setting());
    }

    @Test
    void unlistedModelIdFarFromAnyListedOneSaysWhatIsListed() {
        assertEquals("unknown setting regretless.model.homepage.learner: bandit model 'homepage' is not listed in "
            + "regretless.models (checkout): add it there", onlyError(check("regretless.model.homepage.learner", "linucb")));
        assertTrue(onlyError(check("regretless.model.temperature.dimension", "8"))
            .endsWith("'temperature' is a conformal model, whose settings start with regretless.conformal.model.temperature."));
    }

    @Test
    void singularModelsSuggestsTheList() {
        assertEquals("unknown setting regretless.model: did you mean regretless.models?",
            onlyError(check("regretless.model", "checkout")));
    }

    @Test
    void retiredSettingSaysWhatReplacedIt() {
        assertEquals("regretless.conformal.model.temperature.max.history is gone: SCP, NExCP, ACI and FACI now use every "
            + "past score, exactly up to exact.history and summarised after it; drop the setting",
            onlyError(check("regretless.conformal.model.temperature.max.history", "2000")));
    }

    @Test
    void nameFarFromEverySettingIsStillRefused() {
        assertTrue(onlyError(check("regretless.colour", "blue"))
            .startsWith("unknown setting regretless.colour: no regretless.* setting has that name"));
    }

    @Test
    void inlineCommentIsRefusedWithTheReason() {
        String error = onlyError(check("regretless.model.checkout.learner", "squarecb   # linucb | lints | squarecb | egreedy"));
        assertEquals("bad value for regretless.model.checkout.learner='squarecb   # linucb | lints | squarecb | egreedy': "
            + "values cannot carry inline comments; put the comment on its own line", error);
        assertTrue(onlyError(check("regretless.model.checkout.dimension", "64 # d")).contains("inline comments"));
        assertEquals(List.of(), check("regretless.model.checkout.learner", "squarecb").errors());
    }

    @Test
    void unknownKafkaSettingIsAWarningWithTheNearestKafkaName() {
        ConfigReport report = check("comit.interval.ms", "100", "consumer.sesion.timeout.ms", "6000",
            "topic.min.insync.replicas", "2", "main.consumer.max.poll.records", "100");
        assertEquals(List.of(), report.errors());
        assertNotNull(report.config());
        assertEquals(List.of(
            "unknown Kafka setting comit.interval.ms: Kafka Streams and its clients ignore it; did you mean commit.interval.ms?",
            "unknown Kafka setting consumer.sesion.timeout.ms: Kafka Streams and its clients ignore it; "
                + "did you mean consumer.session.timeout.ms?"),
            report.warnings().stream().map(ConfigProblem::message).toList());
    }

    @Test
    void kafkaNamesUnderEveryClientPrefixAreKnown() {
        for (String name : List.of("commit.interval.ms", "session.timeout.ms", "consumer.session.timeout.ms",
                "main.consumer.fetch.max.bytes", "restore.consumer.max.poll.records", "global.consumer.client.rack",
                "producer.linger.ms", "admin.retries", "max.request.size", "client.tag.zone", "topic.retention.ms")) {
            ConfigReport report = check(name, name.endsWith("zone") || name.endsWith("rack") ? "eu-1" : "1000");
            assertEquals(List.of(), report.warnings(), name);
            assertEquals(List.of(), report.errors(), name);
        }
    }

    @Test
    void badKafkaValueAndMissingRequiredKafkaSettingsAreErrors() {
        assertTrue(onlyError(check("commit.interval.ms", "often")).contains("commit.interval.ms"));
        assertTrue(onlyError(check("processing.guarantee", "exactly_once_v3")).contains("processing.guarantee"));
        Properties props = ValidProperties.all();
        props.remove("application.id");
        props.remove("bootstrap.servers");
        assertEquals(List.of("missing required setting application.id", "missing required setting bootstrap.servers"),
            ConfigReport.check(props).errors().stream().map(ConfigProblem::message).toList());
    }

    @Test
    void kafkaValueWithACommentIsAWarningThatDoesNotRepeatTheValue() {
        ConfigReport report = check("sasl.jaas.config", "secret #1");
        assertEquals(1, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).message().contains("values cannot carry inline comments"));
        assertTrue(!report.warnings().get(0).message().contains("secret"));
    }

    /**
     * The learners a model takes: the built-in ones, then any a test in this JVM registered
     * ({@code RegisteredLearnerTopologyTest}).
     */
    private static String learners() {
        String builtIn = "linucb, lints, squarecb, egreedy, ucb1, ts-bernoulli, ts-gaussian, exp3-ix, ts-discounted, sw-ucb";
        List<String> registered = LearnerKind.wireNames();
        assertEquals(builtIn, String.join(", ", registered.subList(0, 10)), "the built-in learners, in order");
        return "one of " + String.join(", ", registered);
    }

    @Test
    void everyBadValueNamesItsSettingAndWhatItTakes() {
        assertBad("regretless.model.checkout.learner", "linucv", "expected " + learners() + " (did you mean linucb?)");
        assertBad("regretless.model.checkout.shared", "yes", "expected true or false");
        assertBad("regretless.model.checkout.dimension", "0", "expected an integer >= 1");
        assertBad("regretless.model.checkout.dimension", "lots", "expected an integer >= 1");
        assertBad("regretless.model.checkout.regularization", "0", "expected a number > 0");
        assertBad("regretless.model.checkout.exploration", "-1", "expected a number >= 0");
        assertBad("regretless.model.checkout.attribution.window.ms", "-5", "expected milliseconds, an integer >= 1");
        assertBad("regretless.model.checkout.default.reward", "NaN", "expected a finite number");
        assertBad("regretless.conformal.model.temperature.coverage", "1.2", "expected a number in (0, 1)");
        assertBad("regretless.conformal.model.temperature.coverage", "0", "expected a number in (0, 1)");
        assertBad("regretless.conformal.model.temperature.calibrator", "sacop", "(did you mean saocp?)");
        assertBad("regretless.experts.model.claims.mode", "advise", "expected one of advice, features (did you mean advice?)");
        assertBad("regretless.experts.model.claims.loss", "squared", "expected one of square, absolute");
        assertBad("regretless.experts.model.prices.dimension", "0", "expected an integer >= 1");
        assertBad("regretless.experts.model.prices.shrinkage", "-1", "expected a number > 0");
        assertBad("regretless.publish.interval.ms", "-1", "expected milliseconds, an integer >= 0");
        assertBad("regretless.punctuation.interval.ms", "0", "expected milliseconds, an integer >= 1");
        assertBad("regretless.state.store.type", "memory", "expected one of rocksdb, in-memory");
        assertBad("regretless.fail.on.data.loss", "1", "expected true or false");
        assertBad("regretless.topic.prefix", "my topics", "expected letters, digits, '.', '_' and '-'");
        assertBad("regretless.models", "checkout homepage", "'checkout homepage' has a space; separate names with commas");
        assertBad("regretless.experts.model.claims.groups", "young,young", "'young' is listed twice");
        assertEquals(List.of(), check("regretless.publish.interval.ms", "0").errors(), "0 = never");
    }

    private static void assertBad(String key, String value, String expected) {
        String error = onlyError(check(key, value));
        assertTrue(error.startsWith("bad value for " + key + "='" + value + "': "), error);
        assertTrue(error.contains(expected), error);
    }

    @Test
    void settingsThatDependOnOthersNameTheSetting() {
        assertEquals("bad value for regretless.model.checkout.exploration=1.5: egreedy's epsilon is a probability, at most 1",
            onlyError(check("regretless.model.checkout.learner", "egreedy", "regretless.model.checkout.exploration", "1.5")));
        assertTrue(onlyError(check("regretless.experts.model.claims.label.low", "1", "regretless.experts.model.claims.label.high",
            "0")).startsWith("bad value for regretless.experts.model.claims.label.high=0.0: the label range needs"));
        assertEquals("regretless.experts.model.claims.dimension does not apply to a model in advice mode",
            onlyError(check("regretless.experts.model.claims.dimension", "4")));
        assertEquals("missing required setting regretless.model.checkout.learner: " + learners(),
            onlyError(check("regretless.model.checkout.learner", " ")));
        assertTrue(onlyError(check("regretless.experts.model.claims.groups", "a,always-on")).contains("always-on"));
        assertEquals("regretless.experts.models: experts model 'checkout' has the id of a bandit model; ids must be distinct",
            onlyError(check("regretless.experts.models", "claims,prices,checkout",
                "regretless.experts.model.checkout.mode", "advice", "regretless.experts.model.checkout.experts", "x")));
        assertTrue(onlyError(check("regretless.model.checkout.dimension", "400")).contains("regretless.max.state.bytes=900000"));
    }

    @Test
    void aFileWithoutModelsSaysHowToConfigureOne() {
        Properties props = new Properties();
        props.setProperty("application.id", "app");
        props.setProperty("bootstrap.servers", "broker:9092");
        assertEquals(List.of("no models configured: set regretless.models, regretless.conformal.models and/or "
            + "regretless.experts.models"), ConfigReport.check(props).errors().stream().map(ConfigProblem::message).toList());
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        ConfigReport report = check("regretless.model.checkout.exploraton", "0.5", "regretless.punctuaton.interval.ms", "5",
            "regretless.model.checkout.dimension", "lots", "regretless.conformal.model.temperature.coverage", "2",
            "regretless.experts.model.prices.mode", "feature", "regretless.max.state.bytes", "-1", "comit.interval.ms", "1");
        List<String> settings = report.errors().stream().map(ConfigProblem::setting).toList();
        assertEquals(List.of("regretless.model.checkout.exploraton", "regretless.punctuaton.interval.ms",
            "regretless.model.checkout.dimension", "regretless.conformal.model.temperature.coverage",
            "regretless.experts.model.prices.mode", "regretless.max.state.bytes"), settings);
        assertEquals(1, report.warnings().size());
    }

    @Test
    void anUnreadableModelListDoesNotMakeItsModelsSettingsUnknown() {
        ConfigReport report = check("regretless.models", "checkout homepage");
        assertEquals(List.of("regretless.models"), report.errors().stream().map(ConfigProblem::setting).toList());
    }

    @Test
    void fromPropertiesThrowsEveryRegretlessProblemAndIgnoresKafkaSettings() {
        Properties props = ValidProperties.all();
        props.remove("application.id");
        props.setProperty("comit.interval.ms", "1");
        assertEquals(List.of("checkout"), List.copyOf(RegretlessConfig.fromProperties(props).models().keySet()));
        props.setProperty("regretless.model.checkout.exploraton", "1");
        props.setProperty("regretless.model.checkout.seed", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertEquals(2, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("regretless.model.checkout.exploration?"), e.getMessage());
        assertTrue(e.getMessage().contains("regretless.model.checkout.seed='x'"), e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RegretlessConfig config = ConfigReport.check(ValidProperties.all()).config();
        assertEquals("regretless", config.topics().prefix());
        assertEquals(1.0, config.models().get("checkout").bandit().exploration(), "squarecb's gamma0");
        assertEquals(64, config.models().get("checkout").bandit().dimension());
        assertEquals(900_000L, config.maxStateBytes());
        assertEquals(StoreType.ROCKSDB, config.storeType());
        assertEquals(100.0, config.experts().get("prices").shrinkage());
        assertEquals(0.0, config.experts().get("claims").shrinkage());
    }
}
