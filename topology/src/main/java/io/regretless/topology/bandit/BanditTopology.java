package io.regretless.topology.bandit;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.schemas.Topics;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.task.LearningPart;

/**
 * The contextual-bandit loop, as two parts of the topology (each a sub-topology):
 *
 * <pre>
 * requests     ─┐                                                          ┌─▶ decisions (key request id)
 * decision-log ─┼─▶ bandit-join (every partition; pending-decisions window) ┼─▶ feedback
 * rewards      ─┤    decide with the published model, join by request id    ├─▶ learning-updates (key model id)
 * labeled      ─┘                                                          └─▶ dead-letters
 *
 * learning-updates ─▶ bandit-models (the task owning the model; journal + snapshots) ─▶ model-snapshots (compacted)
 * </pre>
 *
 * The join runs where the request id belongs, so one hot model's requests use every partition
 * and instance; only the compact updates reach the task that owns the model. Decisions are made
 * with the newest model published to the model topic ({@code publishedModels}, which the
 * application keeps current), exactly as a local decider makes them. All stores are
 * changelog-backed and cached.
 */
public final class BanditTopology {
    static final String MODELS_STORE = "bandit-models";
    static final String JOURNAL_STORE = "bandit-journal";
    static final String PENDING_DECISIONS = "pending-decisions";
    static final String DECISIONS_SINK = "decisions-sink";
    static final String DECISION_LOG_SINK = "decision-log-sink";
    static final String REWARDS_SINK = "rewards-sink";
    static final String FEEDBACK_SINK = "feedback-sink";
    static final String UPDATES_SINK = "learning-updates-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String MODEL_DEAD_LETTERS_SINK = "model-dead-letters-sink";
    static final String SNAPSHOTS_SINK = "bandit-snapshots-sink";
    private static final String JOIN = "bandit-join";
    private static final String MODELS = "bandit-models";

    private BanditTopology() {
    }

    /** The store holding each model's last snapshot, for interactive queries (at most a publish interval old). */
    public static String modelStoreName() {
        return MODELS_STORE;
    }

    /**
     * The bandit loop's two sub-topologies: the join, then the model updates.
     *
     * @param published  the newest published models, which the decide path decides with
     * @param partitions the partition count of the loop's input topics
     */
    public static List<LearningPart> parts(RegretlessConfig config, PublishedModels published, int partitions) {
        Topics topics = config.topics();
        LearningPart join = LearningPart.of(JOIN, () -> new DecisionJoinProcessor(config, published, partitions))
            .source("requests-source", topics.requests())
            .source("rewards-source", topics.rewards())
            .source("decision-log-source", topics.decisionLog())
            .source("labeled-source", topics.labeled())
            .window(PENDING_DECISIONS, config.storeType())
            .window(EarlyRewards.NAME, config.storeType())
            .sink(DECISIONS_SINK, topics.decisions())
            .sink(DECISION_LOG_SINK, topics.decisionLog())
            .sink(REWARDS_SINK, topics.rewards())
            .sink(FEEDBACK_SINK, topics.feedback())
            .sink(UPDATES_SINK, topics.learningUpdates())
            .sink(DEAD_LETTERS_SINK, topics.deadLetters());
        LearningPart models = LearningPart.of(MODELS, () -> new ModelUpdateProcessor(config))
            .source("learning-updates-source", topics.learningUpdates())
            .store(config.storeType().store(MODELS_STORE, Serdes.String()))
            .store(config.storeType().store(JOURNAL_STORE, Serdes.Bytes()))
            .sink(SNAPSHOTS_SINK, topics.modelSnapshots())
            .sink(MODEL_DEAD_LETTERS_SINK, topics.deadLetters());
        return List.of(join, models);
    }
}
