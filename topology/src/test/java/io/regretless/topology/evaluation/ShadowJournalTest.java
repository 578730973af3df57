package io.regretless.topology.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;

/**
 * A task that restarts rebuilds each model's shadow evaluation — estimates as stored, learners from
 * their last snapshot and the journal's rounds after it — and continues exactly as an uninterrupted
 * one: before the first snapshot, right after one, between two, after several ring lengths. A
 * changed setup starts the evaluation afresh.
 */
class ShadowJournalTest {
    KeyValueStore<String, byte[]> evaluations;
    KeyValueStore<Bytes, byte[]> learners;
    KeyValueStore<Bytes, byte[]> journal;

    void stores(Path dir) {
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "shadow-journal");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(streams, new TaskId(0, 0), dir.toFile());
        evaluations = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("e"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build();
        learners = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("l"), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled().build();
        journal = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("j"), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled().build();
        evaluations.init(context.getStateStoreContext(), evaluations);
        learners.init(context.getStateStoreContext(), learners);
        journal.init(context.getStateStoreContext(), journal);
    }

    static RegretlessConfig config(String candidates) {
        Properties props = EvaluationTopologyTest.app(100);
        props.put("regretless.model.m1.dimension", "6");
        props.put("regretless.model.m1.shadows", candidates);
        props.put("regretless.model.m2.shadows", "uniform,lints:shared=true");
        return RegretlessConfig.fromProperties(props);
    }

    @Test
    void aRebuiltEvaluationContinuesAsTheUninterruptedOne(@TempDir Path dir) {
        stores(dir);
        RegretlessConfig config = config(EvaluationTopologyTest.CANDIDATES);
        ShadowJournal running = new ShadowJournal(evaluations, learners, journal, config.models(), () -> { });
        List<ShadowEvaluation> uninterrupted = new ArrayList<>();
        for (String model : List.of("m1", "m2")) {
            ModelConfig m = config.models().get(model);
            uninterrupted.add(ShadowEvaluation.start(m.shadows().setup(m.bandit())));
        }
        SplittableRandom random = new SplittableRandom(4);
        int rounds = 0;
        for (int step : List.of(10, ShadowJournal.RING / 2 - 10, 1, 300, 2 * ShadowJournal.RING + 5)) {
            for (int i = 0; i < step; i++) {
                for (int m = 0; m < 2; m++) {
                    String model = m == 0 ? "m1" : "m2";
                    LoggedChoice round = LoggedChoice.of(EvaluationTopologyTest.feedback(model, rounds, random));
                    running.record(model, round, rounds);
                    uninterrupted.get(m).score(round);
                }
                rounds++;
            }
            ShadowJournal restarted = new ShadowJournal(evaluations, learners, journal, config.models(), () -> { });
            for (int m = 0; m < 2; m++) {
                String model = m == 0 ? "m1" : "m2";
                ShadowEvaluation expected = uninterrupted.get(m);
                ShadowEvaluation rebuilt = restarted.evaluation(model);
                assertEquals(expected.rounds(), rebuilt.rounds(), model + " after " + rounds);
                for (int c = 0; c < expected.candidateCount(); c++) {
                    assertEquals(expected.estimates(c), rebuilt.estimates(c), model + "/" + expected.name(c));
                    assertEquals(expected.learnerState(c, model), rebuilt.learnerState(c, model),
                        model + "/" + expected.name(c) + " after " + rounds + " rounds");
                }
                assertEquals(expected.rewardModelState(), rebuilt.rewardModelState(), model + " after " + rounds);
            }
            running = restarted;
        }
    }

    @Test
    void aChangedSetupStartsTheEvaluationAfreshAndForgetsDroppedCandidates(@TempDir Path dir) {
        stores(dir);
        RegretlessConfig before = config("linucb,uniform,deployed");
        ShadowJournal running = new ShadowJournal(evaluations, learners, journal, before.models(), () -> { });
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 50; i++) {
            running.record("m1", LoggedChoice.of(EvaluationTopologyTest.feedback("m1", i, random)), i);
        }
        RegretlessConfig after = config("linucb,egreedy");
        AtomicInteger restarts = new AtomicInteger();
        ShadowJournal changed = new ShadowJournal(evaluations, learners, journal, after.models(), restarts::incrementAndGet);
        ModelConfig m1 = after.models().get("m1");
        ShadowEvaluation fresh = ShadowEvaluation.start(m1.shadows().setup(m1.bandit()));
        for (int i = 50; i < 60; i++) {
            LoggedChoice round = LoggedChoice.of(EvaluationTopologyTest.feedback("m1", i, random));
            changed.record("m1", round, i);
            fresh.score(round);
        }
        assertEquals(1, restarts.get());
        ShadowJournal restarted = new ShadowJournal(evaluations, learners, journal, after.models(), restarts::incrementAndGet);
        ShadowEvaluation rebuilt = restarted.evaluation("m1");
        assertEquals(10, rebuilt.rounds(), "the old rounds are not in the new evaluation, nor learned again");
        for (int c = 0; c < fresh.candidateCount(); c++) {
            assertEquals(fresh.estimates(c), rebuilt.estimates(c));
            assertEquals(fresh.learnerState(c, "m1"), rebuilt.learnerState(c, "m1"));
        }
        assertEquals(1, restarts.get(), "the restarted evaluation is continued, not restarted again");
        assertNull(learners.get(Bytes.wrap(("m1\0cdeployed").getBytes(java.nio.charset.StandardCharsets.UTF_8))),
            "the dropped candidate's snapshot is deleted");
    }
}
