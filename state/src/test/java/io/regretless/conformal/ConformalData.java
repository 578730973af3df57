package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared data the conformal tests read: the golden radii and the two real series. The directory is
 * {@code ../../shared/data} relative to the state module (where Maven runs the tests), or the system property
 * {@code regretless.data.dir}.
 */
public final class ConformalData {
    private ConformalData() {
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("regretless.data.dir", "../../shared/data"));
    }

    public static Path file(String relative) {
        Path p = dataDir().resolve(relative);
        if (!Files.isReadable(p)) {
            fail("shared data file missing: " + p.toAbsolutePath().normalize()
                    + " (run from the state module, or set -Dregretless.data.dir=/path/to/shared/data)");
        }
        return p;
    }

    /** A CSV with a header: the header and the rows split on commas (the shared files have no quoting). */
    public static Table csv(String relative) {
        try {
            List<String> lines = Files.readAllLines(file(relative));
            String[] header = lines.get(0).split(",");
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return new Table(header, rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Table(String[] header, List<String[]> rows) {
        public int column(String name) {
            int i = Arrays.asList(header).indexOf(name);
            if (i < 0) {
                fail("no column '" + name + "' in " + Arrays.toString(header));
            }
            return i;
        }

        public double[] doubles(String name) {
            int c = column(name);
            return rows.stream().mapToDouble(r -> Double.parseDouble(r[c])).toArray();
        }
    }

    public static double[] goldenCalibration() {
        return csv("conformal-golden/golden_seattle_naive_calib.csv").doubles("calib_signed_residual");
    }

    public static Table golden() {
        return csv("conformal-golden/golden_seattle_naive_cov90.csv");
    }
}
