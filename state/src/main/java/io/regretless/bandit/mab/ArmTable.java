package io.regretless.bandit.mab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.regretless.bandit.ModelCapacityExceededException;

/**
 * The known arms of one learner: id to index in first-seen order, bounded. Learners keep their
 * per-arm numbers in arrays indexed the same way.
 */
final class ArmTable {
    private final int maxArms;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    ArmTable(int maxArms) {
        if (maxArms < 1) {
            throw new IllegalArgumentException("maxArms must be >= 1, got " + maxArms);
        }
        this.maxArms = maxArms;
    }

    /** A table holding {@code ids} in this order (a restored state). */
    static ArmTable of(int maxArms, List<String> ids) {
        ArmTable table = new ArmTable(Math.max(maxArms, ids.size()));
        for (String id : ids) {
            if (id == null || id.isEmpty() || table.index.containsKey(id)) {
                throw new IllegalStateException("stored arms must be distinct, non-empty ids: " + ids);
            }
            table.add(id);
        }
        return table;
    }

    int size() {
        return ids.size();
    }

    List<String> ids() {
        return Collections.unmodifiableList(ids);
    }

    /** The arm's index, or −1 if it has never been updated. */
    int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** The arm's index, adding it if new. */
    int indexOrAdd(String id) {
        Integer i = index.get(id);
        if (i != null) {
            return i;
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an arm needs a non-empty id");
        }
        if (ids.size() >= maxArms) {
            throw new ModelCapacityExceededException("learning arm '" + id + "' would add arm " + (ids.size() + 1)
                + " to a learner bounded to " + maxArms + " arms");
        }
        return add(id);
    }

    private int add(String id) {
        index.put(id, ids.size());
        ids.add(id);
        return ids.size() - 1;
    }

    /**
     * The indices of the offered arms (−1 for arms never updated).
     *
     * @throws IllegalArgumentException if no arm is offered, or an id is missing or repeated
     */
    int[] offered(String[] armIds) {
        if (armIds == null || armIds.length == 0) {
            throw new IllegalArgumentException("a choice needs at least one arm");
        }
        int[] indices = new int[armIds.length];
        for (int a = 0; a < armIds.length; a++) {
            String id = armIds[a];
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("offered arm " + a + " has no id");
            }
            for (int b = 0; b < a; b++) {
                if (armIds[b].equals(id)) {
                    throw new IllegalArgumentException("arm id '" + id + "' is offered twice");
                }
            }
            indices[a] = indexOf(id);
        }
        return indices;
    }

    /** Arms named "0" to "k−1". */
    static String[] numbered(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one arm, got " + k);
        }
        String[] ids = new String[k];
        for (int i = 0; i < k; i++) {
            ids[i] = Integer.toString(i);
        }
        return ids;
    }
}
