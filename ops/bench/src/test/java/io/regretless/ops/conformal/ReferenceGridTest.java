package io.regretless.ops.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformal-reference grid (data/conformal-reference: four series × two base forecasters × three targets,
 * nine methods, computed with the reference implementation): with default settings our base forecasters and
 * every calibrator reproduce it (naive and seasonal-naive rows to the file's five decimals, AR rows to ±0.01 as
 * the data README allows), and the {@code default} calibrator meets its coverage, boundedness, LCE_100 and
 * worst-row width checks on every row.
 */
class ReferenceGridTest {
    private static List<ReferenceGrid.Anchor> anchors;
    private static Map<String, ProtocolReplay> replays;

    @BeforeAll
    static void load() throws URISyntaxException {
        URL url = ReferenceGridTest.class.getResource("/data/conformal-reference/anchors_cov90.csv");
        assertTrue(url != null, "data/conformal-reference is on the test class path");
        Path dir = Path.of(url.toURI()).getParent();
        anchors = ReferenceGrid.anchors(dir);
        replays = ReferenceGrid.replays(dir, anchors);
    }

    @Test
    void theBaseForecastersAreFittedAsTheReferenceProtocolSays() {
        assertEquals(7, replays.size());
        for (Map.Entry<String, ProtocolReplay> e : replays.entrySet()) {
            double expected = anchors.stream().filter(a -> (a.dataset() + "|" + a.base()).equals(e.getKey()))
                .findFirst().orElseThrow().baseMae();
            double mae = e.getValue().baseMae();
            assertEquals(expected, mae, 1e-4 * expected, e.getKey() + " base MAE");
        }
    }

    @Test
    void everyReferenceMethodReproducesTheReferenceWithDefaultSettings() {
        List<String> off = new ArrayList<>();
        int rows = 0;
        for (Map.Entry<String, ProtocolReplay> e : replays.entrySet()) {
            String[] key = e.getKey().split("\\|");
            boolean ar = key[1].startsWith("ar");
            for (double target : ReferenceGrid.TARGETS) {
                for (MethodRow m : MethodRow.reference()) {
                    RowFigures ours = RowFigures.run(e.getValue(), m, target);
                    ReferenceGrid.Anchor ref = anchors.stream().filter(a -> a.dataset().equals(key[0])
                        && a.base().equals(key[1]) && a.method().equals(m.name()) && a.target() == target)
                        .findFirst().orElseThrow();
                    rows++;
                    double dCov = Math.abs(ours.coverage() - ref.coverage());
                    double dWidth = Math.abs(ours.meanWidth() / ref.meanWidth() - 1);
                    boolean ok = ar ? dCov <= 0.01 : dCov <= 1e-5 && dWidth <= 1e-4
                        && Math.abs(ours.fracInf() - ref.fracInf()) <= 1e-5;
                    if (!ok) {
                        off.add(String.format(Locale.ROOT, "%s %.2f %s: coverage %.5f vs %.5f, width %.5f vs %.5f",
                            e.getKey(), target, m.name(), ours.coverage(), ref.coverage(), ours.meanWidth(),
                            ref.meanWidth()));
                    }
                }
            }
        }
        assertEquals(7 * 3 * 9, rows);
        assertEquals(List.of(), off);
    }

    @Test
    void theDefaultCalibratorMeetsItsChecksOnEveryRow() {
        List<RowFigures> rows = new ArrayList<>();
        for (ProtocolReplay replay : replays.values()) {
            for (double target : ReferenceGrid.TARGETS) {
                rows.add(RowFigures.run(replay, MethodRow.parse("default").get(0), target));
            }
        }
        List<ReferenceGrid.DefaultCheck> checks = ReferenceGrid.defaultChecks(anchors, rows);
        String table = ReferenceGrid.ratioTable(checks);
        System.out.print(table);
        assertEquals(21, checks.size());
        for (ReferenceGrid.DefaultCheck c : checks) {
            String row = c.dataset() + " " + c.base() + " " + c.target();
            assertTrue(c.coverageOk(), row + " coverage\n" + table);
            assertTrue(c.bounded(), row + " unbounded\n" + table);
            assertTrue(c.lceOk(), row + " LCE_100\n" + table);
            assertTrue(c.ratio() <= 1.10, row + " width ratio\n" + table);
        }
    }

    /**
     * The equal-coverage yardstick scales a method's radii by the smallest constant that covers the target share:
     * a run that already covers at least the target can only get narrower, one that covers less only wider.
     */
    @Test
    void equalCoverageWidthsMoveTowardTheTargetCoverage() {
        MethodRow scp = MethodRow.parse("SCP").get(0);
        for (ProtocolReplay replay : replays.values()) {
            for (double target : ReferenceGrid.TARGETS) {
                RowFigures run = RowFigures.run(replay, scp, target);
                double equal = EqualCoverage.width(replay, scp, target);
                String row = replay.series() + " " + target + ": coverage " + run.coverage() + ", width "
                    + run.meanWidth() + " -> " + equal;
                if (run.coverage() >= target) {
                    assertTrue(equal <= run.meanWidth() * (1 + 1e-12), row);
                } else {
                    // not strictly: a score equal to its radius counts as covered by s ≤ k·r even where the
                    // interval's floating-point bounds ŷ ± r just missed it
                    assertTrue(equal >= run.meanWidth(), row);
                }
            }
        }
    }
}
