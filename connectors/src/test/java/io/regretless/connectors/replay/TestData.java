package io.regretless.connectors.replay;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data sets, read in place (never copied into the repository). */
final class TestData {
    private TestData() {}

    /** scikit-learn's copy of the UCI optical handwritten digits (BSD-3-Clause): 1,797 x (64 + label). */
    static Path digits() {
        Path root = Path.of(System.getProperty("regretless.data.dir", "../../shared/data"));
        Path digits = root.resolve("classification/digits.csv.gz").toAbsolutePath().normalize();
        if (!Files.isRegularFile(digits)) {
            fail("test data missing: expected the digits data set at " + digits
                + " (the shared data directory, ../shared/data from the project root;"
                + " override with -Dregretless.data.dir=...)");
        }
        return digits;
    }
}
