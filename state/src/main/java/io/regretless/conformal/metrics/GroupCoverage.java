package io.regretless.conformal.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage per group: for each group named by the scored predictions, how many of its intervals were scored and
 * how many covered. Groups overlap (a prediction counts in each of its groups) and are created on first sight, at
 * most {@value #MAX_GROUPS}. O(|groups of the step|) per step; state: per group its name and two counts.
 */
public final class GroupCoverage {
    /** The most groups tracked. */
    public static final int MAX_GROUPS = 64;

    /**
     * One group's figures.
     *
     * @param group    the group's name
     * @param scored   scored predictions of the group
     * @param covered  of them, those whose interval covered the truth
     * @param coverage covered / scored
     */
    public record Figure(String group, long scored, long covered, double coverage) {
    }

    /** The groups in order of first appearance, each one's scored predictions and covered ones. */
    public record State(List<String> groups, long[] scored, long[] covered) {
        public State {
            groups = List.copyOf(groups);
        }
    }

    private final Map<String, long[]> counts = new LinkedHashMap<>();

    public void observe(boolean hit, Collection<String> groups) {
        for (String g : groups) {
            long[] c = counts.get(g);
            if (c == null) {
                if (counts.size() == MAX_GROUPS) {
                    throw new IllegalArgumentException("more than " + MAX_GROUPS + " groups; '" + g + "' is one too many");
                }
                c = new long[2];
                counts.put(g, c);
            }
            c[0]++;
            if (hit) {
                c[1]++;
            }
        }
    }

    /** Every group seen, in order of first appearance. */
    public List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            out.add(new Figure(e.getKey(), c[0], c[1], (double) c[1] / c[0]));
        }
        return out;
    }

    /** A group's figures; null for a group not seen. */
    public Figure figure(String group) {
        long[] c = counts.get(group);
        return c == null ? null : new Figure(group, c[0], c[1], (double) c[1] / c[0]);
    }

    /** A group's coverage; NaN for a group not seen. */
    public double coverage(String group) {
        long[] c = counts.get(group);
        return c == null ? Double.NaN : (double) c[1] / c[0];
    }

    public State state() {
        List<String> groups = new ArrayList<>(counts.keySet());
        long[] scored = new long[groups.size()];
        long[] covered = new long[groups.size()];
        for (int i = 0; i < scored.length; i++) {
            long[] c = counts.get(groups.get(i));
            scored[i] = c[0];
            covered[i] = c[1];
        }
        return new State(groups, scored, covered);
    }

    /** @throws IllegalArgumentException if the state is not a valid tracker's */
    public static GroupCoverage restore(State state) {
        int n = state.groups().size();
        if (n > MAX_GROUPS || state.scored().length != n || state.covered().length != n) {
            throw new IllegalArgumentException("corrupt group coverage: " + n + " groups");
        }
        GroupCoverage g = new GroupCoverage();
        for (int i = 0; i < n; i++) {
            String name = state.groups().get(i);
            long scored = state.scored()[i];
            long covered = state.covered()[i];
            if (scored < 1 || covered < 0 || covered > scored) {
                throw new IllegalArgumentException("corrupt group coverage of '" + name + "'");
            }
            g.counts.put(name, new long[] {scored, covered});
        }
        return g;
    }
}
