package io.regretless.connectors.replay;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The real data sets of the repository's {@code data/} folder, on the test class path as {@code /data/...}. */
final class TestData {
    private TestData() {}

    /** scikit-learn's copy of the UCI optical handwritten digits (BSD-3-Clause): 1,797 x (64 + label). */
    static Path digits() {
        URL url = TestData.class.getResource("/data/classification/digits.csv.gz");
        if (url == null) {
            fail("test data missing: /data/classification/digits.csv.gz is not on the test class path"
                + " (the repository's data/ folder is added by the parent pom)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
