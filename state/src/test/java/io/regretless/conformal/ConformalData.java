package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data the conformal tests read: the golden radii and the real series, from the repository's
 * {@code data/} folder, which the build puts on the test class path as {@code /data/...}.
 */
public final class ConformalData {
    private ConformalData() {
    }

    public static Path file(String relative) {
        URL url = ConformalData.class.getResource("/data/" + relative);
        if (url == null) {
            fail("data file missing from the test class path: /data/" + relative
                    + " (the repository's data/ folder is added by the parent pom)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
