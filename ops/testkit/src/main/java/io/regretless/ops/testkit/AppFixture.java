package io.regretless.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.regretless.ops.broker.KafkaBroker;
import io.regretless.schemas.Topics;

/**
 * What an integration test sets up before it starts the application: the topics of a part under
 * one prefix on a broker, and the application's settings to reach them (the broker's client
 * properties, {@code application.id} — the prefix unless told otherwise —, {@code state.dir},
 * {@code regretless.topic.prefix}) with the bandit models it runs. The test starts
 * {@code new RegretlessApp(fixture.properties())} itself, or starts it as a child process on the
 * file {@link #store} writes: the test kit sits below the application.
 */
public final class AppFixture {
    private final KafkaBroker broker;
    private final Topics topics;
    private final Properties properties = new Properties();
    private final List<String> banditModels = new ArrayList<>();
    private final Set<String> created = new LinkedHashSet<>();

    private AppFixture(KafkaBroker broker, String prefix, Path stateDir) {
        this.broker = broker;
        this.topics = new Topics(prefix);
        properties.putAll(broker.clientProperties());
        properties.put("application.id", prefix);
        properties.put("state.dir", stateDir.toString());
        properties.put("regretless.topic.prefix", prefix);
    }

    /** An application on {@code broker} whose topics start with {@code prefix}, its local state in {@code stateDir}. */
    public static AppFixture on(KafkaBroker broker, String prefix, Path stateDir) {
        return new AppFixture(broker, prefix, stateDir);
    }

    /** Creates the bandit loop's input and output topics with {@code partitions} partitions. */
    public AppFixture banditTopics(int partitions) {
        return create(topics.banditTopics(), partitions);
    }

    /** Creates the conformal series' input and output topics with {@code partitions} partitions. */
    public AppFixture conformalTopics(int partitions) {
        return create(topics.conformalTopics(), partitions);
    }

    /** Creates the sleeping experts' input and output topics with {@code partitions} partitions. */
    public AppFixture expertsTopics(int partitions) {
        return create(topics.expertsTopics(), partitions);
    }

    /** Creates those of {@code names} not created yet: the parts share the dead-letter and snapshot topics. */
    private AppFixture create(List<String> names, int partitions) {
        List<String> fresh = names.stream().filter(created::add).toList();
        if (!fresh.isEmpty()) {
            broker.createTopics(fresh, partitions);
        }
        return this;
    }

    /** The application's id (its consumer group and internal topics' prefix), when it is not the topic prefix. */
    public AppFixture applicationId(String id) {
        properties.put("application.id", id);
        return this;
    }

    /** A bandit model {@code id} learning with {@code learner} over {@code dimension} hashed features. */
    public AppFixture banditModel(String id, String learner, int dimension) {
        banditModels.add(id);
        properties.put("regretless.models", String.join(",", banditModels));
        return modelSetting(id, "learner", learner).modelSetting(id, "dimension", dimension);
    }

    /** {@code regretless.model.<model>.<name>}. */
    public AppFixture modelSetting(String model, String name, Object value) {
        return set("regretless.model." + model + "." + name, value);
    }

    /** Any other setting, as a string. */
    public AppFixture set(String name, Object value) {
        properties.put(name, value.toString());
        return this;
    }

    /** The topics under the prefix. */
    public Topics topics() {
        return topics;
    }

    /** Writes the application's settings to {@code file}, for a child process or a command's {@code --config}. */
    public Path store(Path file) {
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the application's settings to " + file, e);
        }
        return file;
    }

    /** The application's settings (a copy). */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
