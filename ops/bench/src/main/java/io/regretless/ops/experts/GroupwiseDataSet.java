package io.regretless.ops.experts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real data set in the format of {@code data/groupwise/<set>/}, the exact inputs the reference code of
 * Acharya et al. (krishnacharya/multidecomp) was run on:
 *
 * <ul>
 *   <li>{@code X.csv}: the features, with a header; min-max scaled, group indicator columns included
 *       (both learners see them as given, {@link GroupedData#featuresIncludeGroups()});</li>
 *   <li>{@code A.csv}: one 0/1 column per group, with a header; a last column {@code always_on} of ones
 *       is dropped (the always-on group is implicit here);</li>
 *   <li>{@code y.csv}: the label, with a header, in [0, 1];</li>
 *   <li>{@code perms.csv}: row orders, one per line, each a permutation of the 0-based row indices;</li>
 *   <li>optionally {@code reference_regret.csv}: the reference's per-group results ({@link ReferenceRegret}).</li>
 * </ul>
 */
public final class GroupwiseDataSet {
    private static final String ALWAYS_ON_COLUMN = "always_on";

    private final String name;
    private final double[][] x;
    private final int[][] groupsOf;
    private final double[] label;
    private final List<String> groupNames;
    private final int[][] orders;
    private final Map<String, ReferenceRegret> reference;

    private GroupwiseDataSet(String name, double[][] x, int[][] groupsOf, double[] label, List<String> groupNames,
                             int[][] orders, Map<String, ReferenceRegret> reference) {
        this.name = name;
        this.x = x;
        this.groupsOf = groupsOf;
        this.label = label;
        this.groupNames = List.copyOf(groupNames);
        this.orders = orders;
        this.reference = Map.copyOf(reference);
    }

    /**
     * The reference's per-group results, from {@code reference_regret.csv}: end regret (mean and standard
     * deviation over the orders) of its baseline and its groupwise learner, and the comparator's loss.
     * See data/README.md for how they were scored: a comparator fitted on the group's first T_g − 1 rows
     * and the groupwise learner charged ⟨p, ℓ⟩.
     */
    public record ReferenceRegret(String group, int size, double baselineRegret, double baselineStd,
                                  double groupwiseRegret, double groupwiseStd, double hindsightLoss) {
        /** The reference's groupwise extra loss as a percentage of its baseline's loss. */
        public double excessPercent() {
            return 100.0 * (groupwiseRegret - baselineRegret) / (baselineRegret + hindsightLoss);
        }
    }

    /**
     * Reads a directory.
     *
     * @throws IllegalArgumentException if a file is missing, malformed or inconsistent with the others
     */
    public static GroupwiseDataSet load(Path directory) {
        String name = directory.toAbsolutePath().normalize().getFileName().toString();
        Table xs = Table.read(directory.resolve("X.csv"));
        Table as = Table.read(directory.resolve("A.csv"));
        Table ys = Table.read(directory.resolve("y.csv"));
        int n = xs.rows.size();
        if (n < 1 || as.rows.size() != n || ys.rows.size() != n) {
            throw new IllegalArgumentException(directory + ": X, A and y need the same number of rows (>= 1), got "
                + n + ", " + as.rows.size() + ", " + ys.rows.size());
        }
        if (ys.header.length != 1) {
            throw new IllegalArgumentException(directory + "/y.csv must have one column, got " + ys.header.length);
        }
        int columns = as.header.length;
        boolean lastIsAlwaysOn = as.header[columns - 1].equals(ALWAYS_ON_COLUMN);
        int groups = lastIsAlwaysOn ? columns - 1 : columns;
        double[][] x = new double[n][];
        int[][] groupsOf = new int[n][];
        double[] label = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = xs.numbers(t);
            double[] a = as.numbers(t);
            int count = 0;
            int[] members = new int[groups];
            for (int g = 0; g < columns; g++) {
                if (a[g] != 0.0 && a[g] != 1.0) {
                    throw new IllegalArgumentException(directory + "/A.csv row " + (t + 1) + " holds " + a[g]);
                }
                if (g < groups && a[g] == 1.0) {
                    members[count++] = g;
                }
            }
            if (lastIsAlwaysOn && a[columns - 1] != 1.0) {
                throw new IllegalArgumentException(directory + "/A.csv row " + (t + 1) + ": always_on is not 1");
            }
            groupsOf[t] = Arrays.copyOf(members, count);
            label[t] = ys.numbers(t)[0];
            if (!(label[t] >= 0.0 && label[t] <= 1.0)) {
                throw new IllegalArgumentException(directory + "/y.csv row " + (t + 1) + ": label " + label[t]
                    + " outside [0, 1]");
            }
        }
        int[][] orders = readOrders(directory.resolve("perms.csv"), n);
        Path referenceFile = directory.resolve("reference_regret.csv");
        Map<String, ReferenceRegret> reference = Files.exists(referenceFile) ? readReference(referenceFile) : Map.of();
        return new GroupwiseDataSet(name, x, groupsOf, label, Arrays.asList(as.header).subList(0, groups), orders,
            reference);
    }

    private static int[][] readOrders(Path file, int n) {
        List<int[]> orders = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            int[] order = new int[cells.length];
            boolean[] seen = new boolean[n];
            for (int t = 0; t < cells.length; t++) {
                int row = Integer.parseInt(cells[t].trim());
                if (row < 0 || row >= n || seen[row]) {
                    throw new IllegalArgumentException(file + " line " + (orders.size() + 1)
                        + " is not a permutation of 0.." + (n - 1) + ": " + row);
                }
                seen[row] = true;
                order[t] = row;
            }
            if (order.length != n) {
                throw new IllegalArgumentException(file + " line " + (orders.size() + 1) + " orders " + order.length
                    + " rows, the data set has " + n);
            }
            orders.add(order);
        }
        if (orders.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no row order");
        }
        return orders.toArray(new int[0][]);
    }

    private static Map<String, ReferenceRegret> readReference(Path file) {
        Table t = Table.read(file);
        List<String> header = Arrays.asList(t.header);
        int group = column(header, "group_name", file);
        int size = column(header, "group_size", file);
        int base = column(header, "mean_regend_Base", file);
        int baseStd = column(header, "std_regend_Base", file);
        int gw = column(header, "mean_regend_Anh", file);
        int gwStd = column(header, "std_regend_Anh", file);
        int hindsight = column(header, "mean_hindsight", file);
        Map<String, ReferenceRegret> out = new LinkedHashMap<>();
        for (String[] row : t.rows) {
            out.put(row[group], new ReferenceRegret(row[group], Integer.parseInt(row[size]),
                Double.parseDouble(row[base]), Double.parseDouble(row[baseStd]), Double.parseDouble(row[gw]),
                Double.parseDouble(row[gwStd]), Double.parseDouble(row[hindsight])));
        }
        return out;
    }

    private static int column(List<String> header, String name, Path file) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException(file + " has no column '" + name + "'");
        }
        return c;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return label.length;
    }

    public int features() {
        return x[0].length;
    }

    /** The groups of A.csv without always_on. */
    public int groups() {
        return groupNames.size();
    }

    public String groupName(int group) {
        return groupNames.get(group);
    }

    /** How many row orders perms.csv holds. */
    public int orders() {
        return orders.length;
    }

    /** The reference's results by group name (its always-on group is named {@code always_on}); empty if absent. */
    public Map<String, ReferenceRegret> reference() {
        return reference;
    }

    /** The rows in order {@code k} of perms.csv. */
    public GroupedData inOrder(int k) {
        int[] order = orders[k];
        return new GroupedData() {
            @Override
            public int rows() {
                return order.length;
            }

            @Override
            public int features() {
                return GroupwiseDataSet.this.features();
            }

            @Override
            public int groups() {
                return GroupwiseDataSet.this.groups();
            }

            @Override
            public String groupName(int group) {
                return GroupwiseDataSet.this.groupName(group);
            }

            @Override
            public void features(int row, double[] out) {
                System.arraycopy(x[order[row]], 0, out, 0, out.length);
            }

            @Override
            public int groups(int row, int[] out) {
                int[] members = groupsOf[order[row]];
                System.arraycopy(members, 0, out, 0, members.length);
                return members.length;
            }

            @Override
            public double label(int row) {
                return label[order[row]];
            }

            @Override
            public boolean featuresIncludeGroups() {
                return true;
            }
        };
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** A CSV file with a header and no quoting, as the data files are. */
    private record Table(String[] header, List<String[]> rows) {
        static Table read(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("missing file " + file);
            }
            List<String> lines = lines(file);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file + " is empty");
            }
            String[] header = lines.get(0).split(",", -1);
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] cells = lines.get(i).split(",", -1);
                if (cells.length != header.length) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + " has " + cells.length
                        + " cells, the header " + header.length);
                }
                rows.add(cells);
            }
            return new Table(header, rows);
        }

        double[] numbers(int row) {
            String[] cells = rows.get(row);
            double[] out = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                out[j] = Double.parseDouble(cells[j]);
                if (!Double.isFinite(out[j])) {
                    throw new IllegalArgumentException("row " + (row + 1) + " column " + header[j] + " is " + out[j]);
                }
            }
            return out;
        }
    }
}
