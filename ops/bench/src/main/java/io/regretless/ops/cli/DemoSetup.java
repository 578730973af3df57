package io.regretless.ops.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;

import io.regretless.bandit.LearnerKind;
import io.regretless.schemas.Topics;

/**
 * The demo's deployment: one disjoint model per learner ({@code digits-<learner>}), the topics,
 * and the application's properties; the pixels may be declared features (coordinates of their own). The attribution window is far longer than the replay's
 * reward delay, so every reward is observed. One model may carry shadow policies, evaluated on its
 * feedback as it is logged.
 */
final class DemoSetup {
    private final Topics topics;
    private final List<String> learners;
    private final int dimension;
    private final long seed;
    private final String shadowModel;
    private final String shadows;
    private final String features;

    /**
     * @param features      the declared context features, as in {@code regretless.model.<id>.features};
     *                      null to hash every name
     * @param shadowLearner the learner whose model carries the shadow policies; the last learner
     *                      when it is not among them; null for none
     * @param shadows       the candidate policies, as in {@code regretless.model.<id>.shadows}
     */
    DemoSetup(String prefix, List<String> learners, int dimension, String features, long seed, String shadowLearner,
              String shadows) {
        this.features = features;
        this.topics = new Topics(prefix);
        this.learners = learners.stream().map(l -> LearnerKind.parse(l).shortName()).toList();
        this.dimension = dimension;
        this.seed = seed;
        String onLearner = shadowLearner == null ? null : LearnerKind.parse(shadowLearner).shortName();
        this.shadowModel = onLearner == null ? null
            : modelId(this.learners.contains(onLearner) ? onLearner : this.learners.get(this.learners.size() - 1));
        this.shadows = shadows;
    }

    DemoSetup(String prefix, List<String> learners, int dimension, long seed) {
        this(prefix, learners, dimension, null, seed, null, null);
    }

    /** The model whose feedback the shadow policies are evaluated on, or null. */
    String shadowModel() {
        return shadowModel;
    }

    Topics topicNames() {
        return topics;
    }

    List<String> modelIds() {
        return learners.stream().map(DemoSetup::modelId).toList();
    }

    static String modelId(String learner) {
        return "digits-" + learner;
    }

    List<String> topics() {
        return topics.banditTopics();
    }

    Properties appProperties(String bootstrapServers, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "regretless-demo");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        props.put("regretless.topic.prefix", topics.prefix());
        props.put("regretless.models", String.join(",", modelIds()));
        // decisions use the newest published model: a short replay learns faster with a short interval
        props.put("regretless.publish.interval.ms", "250");
        for (String learner : learners) {
            String p = "regretless.model." + modelId(learner) + ".";
            props.put(p + "learner", learner);
            props.put(p + "dimension", Integer.toString(dimension));
            if (features != null && !LearnerKind.parse(learner).multiArmed()) {
                props.put(p + "features", features);
            }
            props.put(p + "seed", Long.toString(seed));
            props.put(p + "max.arms", "10");
            props.put(p + "attribution.window.ms", "600000");
            props.put(p + "default.reward", "0.0");
        }
        if (shadowModel != null) {
            String p = "regretless.model." + shadowModel + ".";
            props.put(p + "shadows", shadows);
            props.put(p + "shadows.publish.every", "500");
        }
        return props;
    }
}
