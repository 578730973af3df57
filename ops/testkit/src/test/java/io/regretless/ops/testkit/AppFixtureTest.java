package io.regretless.ops.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.broker.KafkaBroker;
import io.regretless.schemas.Topics;

/** No broker: a stand-in records which topics the fixture asks it to create. */
class AppFixtureTest {
    /** Records every topic it is asked to create, in order, repeats included. */
    static final class RecordingBroker implements KafkaBroker {
        final List<String> created = new ArrayList<>();

        @Override
        public String bootstrapServers() {
            return "127.0.0.1:1";
        }

        @Override
        public void createTopics(Map<String, Integer> nameToPartitions, Map<String, String> configs) {
            created.addAll(nameToPartitions.keySet());
        }

        @Override
        public void close() {
        }
    }

    @Test
    void partsThatShareTopicsCreateEachOnce(@TempDir Path dir) {
        RecordingBroker broker = new RecordingBroker();
        AppFixture.on(broker, "p", dir).banditTopics(2).conformalTopics(2).expertsTopics(2);
        Topics topics = new Topics("p");
        Set<String> all = new LinkedHashSet<>(topics.banditTopics());
        all.addAll(topics.conformalTopics());
        all.addAll(topics.expertsTopics());
        assertEquals(all.size(), broker.created.size(), "each topic once: " + broker.created);
        assertEquals(all, new LinkedHashSet<>(broker.created));
    }

    @Test
    void storedSettingsAreTheFixturesSettings(@TempDir Path dir) throws Exception {
        AppFixture fixture = AppFixture.on(new RecordingBroker(), "p", dir.resolve("state")).applicationId("app")
            .banditModel("m", "linucb", 8).banditModel("n", "squarecb", 4).set("consumer.session.timeout.ms", 6000);
        Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(fixture.store(dir.resolve("app.properties")))) {
            stored.load(in);
        }
        assertEquals(fixture.properties(), stored);
    }
}
