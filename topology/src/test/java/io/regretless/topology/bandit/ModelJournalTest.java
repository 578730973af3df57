package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.codec.LinearBanditCodec;
import io.regretless.schemas.Action;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;

/**
 * A task that restarts rebuilds each model from its last snapshot and the journaled updates after
 * it, and gets exactly the model it had — whether it stopped right after a snapshot, between two,
 * or after more updates than the journal's ring holds between publications. Multi-armed models too:
 * EXP3-IX replays the logged propensities its updates carry.
 */
class ModelJournalTest {
    static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);

    @Test
    void aRebuiltModelIsTheModelItWasBitForBit(@TempDir Path dir) {
        Properties props = new Properties();
        props.put("regretless.models", "m,n,e,w,t");
        props.put("regretless.model.m.learner", "linucb");
        props.put("regretless.model.m.dimension", "8");
        props.put("regretless.model.n.learner", "squarecb");
        props.put("regretless.model.n.dimension", "8");
        props.put("regretless.model.e.learner", "exp3-ix");
        props.put("regretless.model.w.learner", "sw-ucb");
        props.put("regretless.model.w.window", "50");
        props.put("regretless.model.t.learner", "ts-discounted");
        props.put("regretless.model.t.discount", "0.9");
        Map<String, ModelConfig> configs = RegretlessConfig.fromProperties(props).models();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "journal");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(streams, new TaskId(0, 0), dir.toFile());
        KeyValueStore<String, byte[]> snapshots = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
            Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        KeyValueStore<Bytes, byte[]> journal = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("j"),
            Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        snapshots.init(context.getStateStoreContext(), snapshots);
        journal.init(context.getStateStoreContext(), journal);

        ModelJournal running = new ModelJournal(snapshots, journal, configs);
        SplittableRandom random = new SplittableRandom(3);
        int applied = 0;
        for (int step : List.of(10, 1, ModelJournal.RING / 2 + 7, 3 * ModelJournal.RING + 5, 1)) {
            for (int i = 0; i < step; i++) {
                for (String model : configs.keySet()) {
                    LearningUpdate update = LearningUpdates.of(model, "r" + applied, configs.get(model),
                        Map.of("x", random.nextDouble(), "y", random.nextDouble(-1, 1)),
                        new Action("a" + random.nextInt(4), Map.of("p", random.nextDouble())),
                        random.nextDouble(), 1.0, random.nextDouble(0.05, 1.0), true, applied, null);
                    byte[] raw = UPDATES.encode(update);
                    running.apply(model, UPDATES.decode(raw),
                        LearningUpdates.features(update, configs.get(model).bandit().featureDimension()), raw);
                }
                applied++;
            }
            if (step == 1) {
                running.snapshot("m");
            }
            for (String model : configs.keySet()) {
                ModelJournal restarted = new ModelJournal(snapshots, journal, configs);
                assertEquals(applied, restarted.learner(model).version(), model + " after " + applied);
                assertArrayEquals(LinearBanditCodec.encode(running.learner(model), model),
                    LinearBanditCodec.encode(restarted.learner(model), model), model + " after " + applied + " updates");
            }
        }
    }
}
