package io.regretless.ops.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The handwritten digits (data/classification/digits.csv.gz: 1,797 rows of 64 pixels 0–16 and the
 * label) from the test class path, pixels scaled to [0, 1] as in the demo.
 */
final class Digits {
    final double[][] features;
    final int[] labels;

    private Digits(double[][] features, int[] labels) {
        this.features = features;
        this.labels = labels;
    }

    static Digits load() {
        try (InputStream in = Digits.class.getResourceAsStream("/data/classification/digits.csv.gz")) {
            if (in == null) {
                throw new IllegalStateException("/data/classification/digits.csv.gz is not on the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                double[] x = new double[cells.length - 1];
                for (int j = 0; j < x.length; j++) {
                    x[j] = Double.parseDouble(cells[j]) / 16.0;
                }
                rows.add(x);
                labels.add((int) Double.parseDouble(cells[cells.length - 1]));
            }
            return new Digits(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
