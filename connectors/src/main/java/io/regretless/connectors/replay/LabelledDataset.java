package io.regretless.connectors.replay;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * An immutable labelled multiclass data set: {@code rows()} rows of {@code dimension()} finite
 * features and an integer class label, with a name per feature ({@code p0 .. p<d-1>} unless
 * given). The input of the supervised-to-bandit conversion ({@link ClassificationBandit}).
 *
 * <p>CSV format ({@link #readCsv(InputStream)}): no header, comma-separated, one row per line, the
 * last column the label (an integer, {@code 3} or {@code 3.0}), every other column a feature; blank
 * lines are ignored; every row has the same number of columns. Gzip-compressed input is recognised
 * by its magic bytes, whatever the file is called. Malformed input fails with an
 * {@link IOException} naming the line.
 */
public final class LabelledDataset {
    private final int rows;
    private final int dimension;
    private final double[] features; // row-major, rows * dimension
    private final int[] labels;
    private final List<String> featureNames;
    private final int[] classes;

    private LabelledDataset(int rows, int dimension, double[] features, int[] labels, List<String> featureNames) {
        this.rows = rows;
        this.dimension = dimension;
        this.features = features;
        this.labels = labels;
        this.featureNames = featureNames;
        this.classes = Arrays.stream(labels).distinct().sorted().toArray();
    }

    /**
     * A data set from in-memory rows (copied), features named {@code p0 .. p<d-1>}.
     *
     * @throws IllegalArgumentException when there are no rows, rows differ in length, the counts
     *     of rows and labels differ, or a feature is not finite
     */
    public static LabelledDataset of(double[][] rows, int[] labels) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(labels, "labels");
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("need at least one row and one label per row, got "
                + rows.length + " rows and " + labels.length + " labels");
        }
        int dimension = rows[0].length;
        double[] flat = new double[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dimension) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, row 0 has " + dimension);
            }
            for (int j = 0; j < dimension; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", feature " + j + " is not finite: " + rows[i][j]);
                }
            }
            System.arraycopy(rows[i], 0, flat, i * dimension, dimension);
        }
        return new LabelledDataset(rows.length, dimension, flat, labels.clone(), defaultNames(dimension));
    }

    /** Reads a CSV or gzip-compressed CSV file (see the class comment for the format). */
    public static LabelledDataset readCsv(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            try {
                return readCsv(in);
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads a CSV or gzip-compressed CSV stream to its end (see the class comment for the format).
     * Does not close the stream.
     */
    public static LabelledDataset readCsv(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(Objects.requireNonNull(in, "in"));
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream text = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        BufferedReader reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);

        int dimension = -1;
        double[] features = new double[1 << 12];
        int[] labels = new int[256];
        int rows = 0;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int columns = countColumns(line);
            if (dimension < 0) {
                if (columns < 2) {
                    throw new IOException("line " + lineNumber + ": need at least one feature and a label, got " + columns + " column");
                }
                dimension = columns - 1;
            } else if (columns != dimension + 1) {
                throw new IOException("line " + lineNumber + ": expected " + (dimension + 1) + " columns, got " + columns);
            }
            if ((long) (rows + 1) * dimension > Integer.MAX_VALUE - 8) {
                throw new IOException("line " + lineNumber + ": data set too large for one array");
            }
            if ((rows + 1) * dimension > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * (rows + 1) * dimension));
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, 2 * rows);
            }
            int start = 0;
            for (int j = 0; j <= dimension; j++) {
                int end = line.indexOf(',', start);
                String cell = line.substring(start, end < 0 ? line.length() : end).trim();
                start = end + 1;
                if (j < dimension) {
                    features[rows * dimension + j] = parseFeature(cell, lineNumber, j);
                } else {
                    labels[rows] = parseLabel(cell, lineNumber);
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw new IOException("no rows");
        }
        return new LabelledDataset(rows, dimension, Arrays.copyOf(features, rows * dimension),
            Arrays.copyOf(labels, rows), defaultNames(dimension));
    }

    /** This data set with the given feature names (one per feature, distinct, not blank). */
    public LabelledDataset withFeatureNames(List<String> names) {
        List<String> copy = List.copyOf(names);
        if (copy.size() != dimension) {
            throw new IllegalArgumentException("need " + dimension + " feature names, got " + copy.size());
        }
        if (new HashSet<>(copy).size() != copy.size() || copy.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("feature names must be distinct and not blank: " + copy);
        }
        return new LabelledDataset(rows, dimension, features, labels, copy);
    }

    /** This data set with every feature divided by {@code divisor} (e.g. 16 for 4-bit pixels). */
    public LabelledDataset dividedBy(double divisor) {
        if (!Double.isFinite(divisor) || divisor == 0) {
            throw new IllegalArgumentException("divisor must be finite and non-zero, got " + divisor);
        }
        double[] scaled = new double[features.length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = features[i] / divisor;
        }
        return new LabelledDataset(rows, dimension, scaled, labels, featureNames);
    }

    public int rows() {
        return rows;
    }

    /** Number of features per row. */
    public int dimension() {
        return dimension;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String featureName(int feature) {
        return featureNames.get(feature);
    }

    public double feature(int row, int feature) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(feature, dimension);
        return features[row * dimension + feature];
    }

    /** A copy of one row's features. */
    public double[] features(int row) {
        Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(features, row * dimension, (row + 1) * dimension);
    }

    public int label(int row) {
        return labels[Objects.checkIndex(row, rows)];
    }

    /** The distinct labels, ascending. */
    public int[] classes() {
        return classes.clone();
    }

    @Override
    public String toString() {
        return "LabelledDataset[" + rows + " rows, " + dimension + " features, " + classes.length + " classes]";
    }

    private static int countColumns(String line) {
        int columns = 1;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            columns++;
        }
        return columns;
    }

    private static double parseFeature(String cell, int line, int column) throws IOException {
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException("line " + line + ", column " + (column + 1) + ": not a number: '" + cell + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IOException("line " + line + ", column " + (column + 1) + ": not finite: '" + cell + "'");
        }
        return value;
    }

    private static int parseLabel(String cell, int line) throws IOException {
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException notAnInt) {
            try {
                double value = Double.parseDouble(cell);
                if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
                    return (int) value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IOException("line " + line + ", last column: the label must be an integer, got '" + cell + "'");
        }
    }

    private static List<String> defaultNames(int dimension) {
        List<String> names = new ArrayList<>(dimension);
        for (int j = 0; j < dimension; j++) {
            names.add("p" + j);
        }
        return List.copyOf(names);
    }
}
