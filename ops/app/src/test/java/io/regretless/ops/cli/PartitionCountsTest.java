package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.regretless.schemas.Topics;

/** What {@code topics} says about partition counts it found instead of choosing them. */
class PartitionCountsTest {
    private final Topics topics = new Topics("shop");

    private Map<String, Integer> all(int partitions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        TopicPlan.topics(topics, partitions, (short) 1, java.time.Duration.ofHours(1), java.time.Duration.ofHours(1),
            java.time.Duration.ofHours(1)).keySet().forEach(name -> counts.put(name, partitions));
        return counts;
    }

    @Test
    void onlyTopicsThatExistedBeforeAndDifferAreWarnedAbout() {
        Map<String, Integer> counts = all(6);
        counts.put("shop.decisions", 3);
        counts.put("shop.feedback", 3);
        List<String> warnings = PartitionCounts.differFromAsked(Set.of("shop.decisions", "shop.requests"), counts, 6);
        assertEquals(List.of("shop.decisions exists with 3 partitions, not the 6 asked for: left as it is"), warnings);
    }

    @Test
    void inputsThatMustMeetNeedOneCount() {
        assertEquals(List.of(), PartitionCounts.notCoPartitioned(topics, all(4)));
        Map<String, Integer> counts = all(4);
        counts.put("shop.rewards", 2);
        counts.put("shop.labels", 8);
        List<String> errors = PartitionCounts.notCoPartitioned(topics, counts);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("the bandit loop's inputs must have one partition count, but shop.requests has 4, "
            + "shop.rewards has 2, shop.labeled has 4, shop.decision-log has 4: run refuses to start"), errors.get(0));
        assertTrue(errors.get(1).startsWith("the conformal inputs must have one partition count, but "
            + "shop.prediction-requests has 4, shop.labels has 8"), errors.get(1));
    }
}
