package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.regretless.connectors.replay.ReplayResult;

/**
 * The demo end to end, shortened: embedded broker, the app, two passes of digits with the pixels
 * declared, two learners, and shadow policies on the squarecb model's log.
 */
class DemoCommandTest {

    @Test
    void learnersBeatUniformRandomOnTheDigitsReplay() throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.learners = List.of("linucb", "squarecb");
        demo.passes = 2;
        demo.features = DemoCommand.PIXELS;
        demo.partitions = 2;
        demo.maxInFlight = 400;
        demo.rewardDelay = 50;
        demo.seed = 7;
        demo.shadowsOn = "squarecb";
        demo.shadows = "linucb,uniform,deployed";
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
        assertTrue(table.contains("digits-linucb      d = 66, 64 features declared: 0 of 65 feature names share a "
            + "coordinate with another"), "the declared pixels share no coordinate, and the demo says so: " + table);

        DemoShadows.Result shadows = demo.shadowResult;
        assertTrue(shadows.identical(), "the application's estimates are evaluate's on its feedback topic: " + table);
        assertEquals(2 * 1_797, shadows.offline().rounds());
        assertEquals(2 * 1_797, shadows.inApp().getRounds());
        assertEquals(results.get(1).average(), shadows.offline().rewards().mean(), 1e-12,
            "the logged policy's reward is what the squarecb model earned");
        assertEquals(0.1, shadows.truth().get("uniform"), 1e-12, "uniform picks the label with probability 1/10");
        assertTrue(shadows.truth().get("linucb") > 0.6, "LinUCB learns the digits in the shadow too: " + shadows.truth());
        assertTrue(table.contains("shadow policies on digits-squarecb's log") && table.contains("identical"), table);
    }
}
