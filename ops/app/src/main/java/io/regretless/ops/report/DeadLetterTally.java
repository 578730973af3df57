package io.regretless.ops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.regretless.schemas.DeadLetter;

/** The distinct dead letters of one reason: how many, how many per source topic, and the first few read. */
final class DeadLetterTally {
    static final int EXAMPLES = 3;

    final Map<String, Long> bySourceTopic = new TreeMap<>();
    final List<DeadLetter> first = new ArrayList<>(EXAMPLES);
    private long count;

    void add(DeadLetter letter) {
        count++;
        bySourceTopic.merge(letter.getSourceTopic(), 1L, Long::sum);
        if (first.size() < EXAMPLES) {
            first.add(letter);
        }
    }

    long count() {
        return count;
    }
}
