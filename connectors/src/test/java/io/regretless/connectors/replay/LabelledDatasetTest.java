package io.regretless.connectors.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledDatasetTest {
    private static final String CSV = "1,0,2.5,3\n0,0,0,1\n\n4,5,6,3.0\n";

    @TempDir
    Path dir;

    @Test
    void readsPlainCsvFromFileAndStream() throws IOException {
        Path file = dir.resolve("small.csv");
        Files.writeString(file, CSV);
        assertSmall(LabelledDataset.readCsv(file));
        assertSmall(LabelledDataset.readCsv(new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void readsGzipByMagicBytesWhateverTheName() throws IOException {
        byte[] gz = gzip(CSV);
        Path named = dir.resolve("small.csv.gz");
        Path misnamed = dir.resolve("small.csv");
        Files.write(named, gz);
        Files.write(misnamed, gz);
        assertSmall(LabelledDataset.readCsv(named));
        assertSmall(LabelledDataset.readCsv(misnamed));
        assertSmall(LabelledDataset.readCsv(new ByteArrayInputStream(gz)));
    }

    @Test
    void toleratesSpacesAndWindowsLineEnds() throws IOException {
        LabelledDataset data = read(" 1 , 2 ,0\r\n3,4, 1 \r\n");
        assertEquals(2, data.rows());
        assertArrayEquals(new double[] {3, 4}, data.features(1));
        assertEquals(1, data.label(1));
    }

    @Test
    void namesFeaturesP0UpOrAsGiven() throws IOException {
        LabelledDataset data = read(CSV);
        assertEquals(List.of("p0", "p1", "p2"), data.featureNames());
        LabelledDataset named = data.withFeatureNames(List.of("a", "b", "c"));
        assertEquals("c", named.featureName(2));
        assertEquals(data.feature(2, 1), named.feature(2, 1));
        assertThrows(IllegalArgumentException.class, () -> data.withFeatureNames(List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> data.withFeatureNames(List.of("a", "a", "b")));
    }

    @Test
    void dividesByAConstantWithoutTouchingTheOriginal() throws IOException {
        LabelledDataset data = read(CSV);
        LabelledDataset scaled = data.dividedBy(2);
        assertArrayEquals(new double[] {2, 2.5, 3}, scaled.features(2));
        assertArrayEquals(new double[] {4, 5, 6}, data.features(2));
        assertEquals(data.featureNames(), scaled.featureNames());
        assertEquals(3, scaled.label(2));
        assertThrows(IllegalArgumentException.class, () -> data.dividedBy(0));
        assertThrows(IllegalArgumentException.class, () -> data.dividedBy(Double.NaN));
    }

    @Test
    void rejectsMalformedInputNamingTheLine() {
        assertMessage("1,2,0\n1,2\n", "line 2: expected 3 columns, got 2");
        assertMessage("1,x,0\n", "line 1, column 2: not a number: 'x'");
        assertMessage("1,NaN,0\n", "line 1, column 2: not finite");
        assertMessage("1,2,0\n1,2,2.5\n", "line 2, last column: the label must be an integer, got '2.5'");
        assertMessage("1,2,\n", "line 1, last column");
        assertMessage("7\n", "line 1: need at least one feature and a label");
        assertMessage("\n\n", "no rows");
    }

    @Test
    void buildsFromArraysWithCopies() {
        double[][] rows = {{1, 2}, {3, 4}};
        int[] labels = {5, 2};
        LabelledDataset data = LabelledDataset.of(rows, labels);
        rows[0][0] = 99;
        labels[0] = 99;
        double[] row = data.features(0);
        row[1] = 99;
        assertArrayEquals(new double[] {1, 2}, data.features(0));
        assertEquals(5, data.label(0));
        assertArrayEquals(new int[] {2, 5}, data.classes());
        assertThrows(IllegalArgumentException.class, () -> LabelledDataset.of(new double[][] {{1}, {1, 2}}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> LabelledDataset.of(new double[][] {{1}}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> LabelledDataset.of(new double[][] {{Double.POSITIVE_INFINITY}}, new int[] {0}));
        assertThrows(IndexOutOfBoundsException.class, () -> data.label(2));
        assertThrows(IndexOutOfBoundsException.class, () -> data.feature(0, 2));
    }

    @Test
    void readsTheDigitsDataSet() throws IOException {
        LabelledDataset digits = LabelledDataset.readCsv(TestData.digits());
        assertEquals(1797, digits.rows());
        assertEquals(64, digits.dimension());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, digits.classes());
        assertEquals("p63", digits.featureName(63));
        // the first line of the file: a zero
        assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0}, java.util.Arrays.copyOf(digits.features(0), 8));
        assertEquals(0, digits.label(0));
        assertEquals(1, digits.label(1));
        int[] perClass = new int[10];
        for (int i = 0; i < digits.rows(); i++) {
            perClass[digits.label(i)]++;
            for (int j = 0; j < 64; j++) {
                double pixel = digits.feature(i, j);
                assertTrue(pixel >= 0 && pixel <= 16 && pixel == Math.rint(pixel), "pixel " + pixel);
            }
        }
        // the class sizes of the UCI test+train digits as shipped by scikit-learn
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, perClass);
        LabelledDataset unit = digits.dividedBy(16);
        assertEquals(13 / 16.0, unit.feature(0, 3));
    }

    private static void assertSmall(LabelledDataset data) {
        assertEquals(3, data.rows());
        assertEquals(3, data.dimension());
        assertArrayEquals(new double[] {1, 0, 2.5}, data.features(0));
        assertArrayEquals(new double[] {0, 0, 0}, data.features(1));
        assertArrayEquals(new double[] {4, 5, 6}, data.features(2));
        assertEquals(3, data.label(0));
        assertEquals(1, data.label(1));
        assertEquals(3, data.label(2));
        assertArrayEquals(new int[] {1, 3}, data.classes());
    }

    private static void assertMessage(String csv, String expected) {
        IOException e = assertThrows(IOException.class, () -> read(csv));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    private static LabelledDataset read(String csv) throws IOException {
        try (InputStream in = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))) {
            return LabelledDataset.readCsv(in);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
