package io.regretless.ops.conformal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One numeric column of a CSV file with a header row (no quoting), read from a path on disk or, failing that, from
 * the class path ({@code data/...} in the repository is both, from its root).
 */
public final class SeriesFile {
    private SeriesFile() {
    }

    /** The values of {@code column} in file order; blank lines skipped. */
    public static double[] read(String path, String column) {
        List<String> cells = readText(path, column);
        double[] values = new double[cells.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(cells.get(i));
        }
        return values;
    }

    /** The text cells of {@code column}, in file order (group labels, dates). */
    public static List<String> readText(String path, String column) {
        try (InputStream in = open(path)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            int c = header == null ? -1 : Arrays.asList(header.split(",", -1)).indexOf(column);
            if (c < 0) {
                throw new IllegalArgumentException("no column '" + column + "' in the header of " + path + ": " + header);
            }
            List<String> cells = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    cells.add(line.split(",", -1)[c].trim());
                }
            }
            return cells;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    private static InputStream open(String path) throws IOException {
        Path file = Path.of(path);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        String resource = path.startsWith("/") ? path : "/" + path;
        InputStream in = SeriesFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no file " + file.toAbsolutePath() + " and no class-path resource "
                + resource + " (run from the repository root, or give a path)");
        }
        return in;
    }
}
