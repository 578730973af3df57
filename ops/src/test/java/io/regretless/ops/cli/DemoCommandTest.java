package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.regretless.connectors.replay.ReplayResult;

/** The demo end to end, shortened: embedded broker, the app, two passes of digits, two learners. */
class DemoCommandTest {

    @Test
    void learnersBeatUniformRandomOnTheDigitsReplay() throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.learners = List.of("linucb", "squarecb");
        demo.passes = 2;
        demo.dimension = 64;
        demo.partitions = 2;
        demo.maxInFlight = 400;
        demo.rewardDelay = 50;
        demo.seed = 7;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<ReplayResult> results = demo.play(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(2, results.size());
        for (ReplayResult result : results) {
            assertEquals(2 * 1_797, result.decisions());
            assertTrue(result.lastPassAverage() > 0.6,
                result.modelId() + " should beat uniform random (0.10) clearly: " + result.lastPassAverage());
        }
        assertTrue(results.get(0).lastPassAverage() > 0.70, "LinUCB over the last pass: " + results.get(0));
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("digits-linucb") && table.contains("uniform random"), table);
    }
}
