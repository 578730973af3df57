package io.regretless.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.schemas.Feedback;

/**
 * The report page as a reader sees it: every chart has round ticks on both axes from which its
 * points can be read back, and axis titles; a model, series, expert or group has one colour on
 * every chart and in the tables; each sleeping-experts model has its own charts; and headless
 * Chromium renders it (the page and its screenshot are left in target/report-rendering/).
 */
class ReportRenderingTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ReportFixture FIXTURE = ReportFixture.replayed();
    private static final String HTML = HtmlReport.render("test report", FIXTURE.data(1.0));
    private static final ReportPage PAGE = new ReportPage(HTML);

    @Test
    void pageHasAChartLinePerModel() {
        assertTrue(HTML.startsWith("<!DOCTYPE html>"));
        int experts = 0;
        for (String model : FIXTURE.expertNames.keySet()) {
            experts += FIXTURE.expertNames.get(model).size() + FIXTURE.firstGroupLosses.get(model).size();
        }
        int shadows = FIXTURE.firstPolicyEvaluations.get(0).getCandidates().size();
        int conformalGroups = ReportFixture.SEASONS.size() + 2;
        assertEquals(2 * 3 + 2 * 3 + conformalGroups + experts + shadows, HTML.split("<polyline").length - 1,
            "reward, average and regret per bandit model; coverage, window coverage, width per series and a coverage "
                + "line per group of a grouped series; a weight line per expert and a regret line per group of each "
                + "experts model; an estimate per shadow policy");
        assertTrue(HTML.contains("stroke-dasharray"), "the coverage targets are drawn");
        assertFalse(HTML.contains("<script"), "no scripts: the page renders offline");
    }

    @Test
    void everyChartHasRoundTicksOnBothAxesAndAxisTitles() {
        List<ReportPage.Chart> charts = PAGE.charts();
        assertEquals(3 + 1 + 3 + 1 + 2 * FIXTURE.expertNames.size(), charts.size(),
            "bandits, shadows, conformal (and its group coverage of one series), experts");
        for (ReportPage.Chart chart : charts) {
            assertEquals(Set.of('x', 'y'), chart.axisTitles().keySet(), chart.caption() + ": both axes have a title");
            for (char axis : new char[] {'x', 'y'}) {
                List<ReportPage.Tick> ticks = chart.ticks(axis);
                String where = chart.caption() + ", " + axis + " axis";
                assertTrue(ticks.size() >= 3, where + ": at least three ticks, got " + ticks);
                double step = ticks.get(1).value() - ticks.get(0).value();
                double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
                assertTrue(Set.of(1L, 2L, 5L).contains(Math.round(mantissa))
                        && Math.abs(mantissa - Math.round(mantissa)) < 1e-6,
                    where + ": a 1-2-5 step, got " + step);
                double pixelsPerUnit = (ticks.get(1).position() - ticks.get(0).position()) / step;
                for (int i = 1; i < ticks.size(); i++) {
                    ReportPage.Tick a = ticks.get(i - 1);
                    ReportPage.Tick b = ticks.get(i);
                    assertEquals(step, b.value() - a.value(), step * 1e-6, where + ": evenly spaced values " + ticks);
                    assertEquals(pixelsPerUnit * step, b.position() - a.position(), 0.15,
                        where + ": evenly spaced on the page " + ticks);
                }
                double low = Math.min(ticks.get(0).position(), ticks.get(ticks.size() - 1).position());
                double high = Math.max(ticks.get(0).position(), ticks.get(ticks.size() - 1).position());
                for (ReportPage.Line line : chart.lines()) {
                    for (double[] p : line.points()) {
                        double v = axis == 'x' ? p[0] : p[1];
                        assertTrue(v >= low - 0.1 && v <= high + 0.1, where + ": " + line.series() + " inside the ticks");
                    }
                }
            }
        }
    }

    @Test
    void valuesCanBeReadOffTheChartsThroughTheirTicks() {
        ReportPage.Chart chart = PAGE.charts().stream().filter(c -> c.name().equals("cumulative reward")).findFirst()
            .orElseThrow();
        for (ReportPage.Line line : chart.lines()) {
            List<Feedback> first = FIXTURE.firstFeedback.get(line.series());
            double[] last = line.points().get(line.points().size() - 1);
            double xPerPixel = Math.abs(chart.valueAt('x', 1) - chart.valueAt('x', 0));
            double yPerPixel = Math.abs(chart.valueAt('y', 1) - chart.valueAt('y', 0));
            assertEquals(first.size(), chart.valueAt('x', last[0]), xPerPixel * 0.1, line.series() + ": decisions");
            assertEquals(first.stream().mapToDouble(Feedback::getReward).sum(), chart.valueAt('y', last[1]),
                yPerPixel * 0.1, line.series() + ": cumulative reward");
        }
    }

    @Test
    void eachNameHasOneColourOnEveryChartAndInTheTables() {
        Map<String, Map<String, Set<String>>> colours = new TreeMap<>();
        for (ReportPage.Chart chart : PAGE.charts()) {
            Set<String> inChart = new HashSet<>();
            for (ReportPage.Line line : chart.lines()) {
                colours.computeIfAbsent(chart.section(), s -> new TreeMap<>())
                    .computeIfAbsent(line.series(), s -> new TreeSet<>()).add(line.colour());
                assertTrue(inChart.add(line.colour()), chart.caption() + ": two lines in " + line.colour());
            }
        }
        Map<String, String> swatches = PAGE.swatches();
        assertEquals(Set.of("bandits", "shadows", "conformal", "experts"), colours.keySet());
        for (Map.Entry<String, Map<String, Set<String>>> section : colours.entrySet()) {
            Map<String, String> assigned = new HashMap<>();
            for (Map.Entry<String, Set<String>> e : section.getValue().entrySet()) {
                assertEquals(1, e.getValue().size(), section.getKey() + ": " + e.getKey() + " in " + e.getValue());
                assigned.put(e.getKey(), e.getValue().iterator().next());
                if (swatches.containsKey(e.getKey())) {
                    assertEquals(assigned.get(e.getKey()), swatches.get(e.getKey()), e.getKey() + ": table swatch");
                }
            }
            List<String> sorted = List.copyOf(new TreeSet<>(assigned.keySet()));
            assertEquals("#1f77b4", assigned.get(sorted.get(0)),
                section.getKey() + ": the palette starts at the first name");
            assertEquals(assigned.size(), new HashSet<>(assigned.values()).size(), section.getKey() + ": distinct colours");
        }
        assertTrue(swatches.keySet().containsAll(
            List.of(ReportFixture.SQUARECB, ReportFixture.TEMPERATURE, "always-on")), "the tables show the colours");
    }

    @Test
    void eachExpertsModelHasChartsOfItsOwn() {
        Map<String, Integer> chartsPerModel = new TreeMap<>();
        for (ReportPage.Chart chart : PAGE.charts()) {
            if (!chart.section().equals("experts")) {
                continue;
            }
            Set<String> own = new HashSet<>(FIXTURE.expertNames.get(chart.model()));
            own.addAll(FIXTURE.firstGroupLosses.get(chart.model()).keySet());
            for (ReportPage.Line line : chart.lines()) {
                assertTrue(own.contains(line.series()), chart.caption() + " shows " + line.series()
                    + ", which is not of " + chart.model());
            }
            assertTrue(chart.caption().startsWith(chart.model() + ": "), chart.caption());
            chartsPerModel.merge(chart.model(), 1, Integer::sum);
        }
        assertEquals(Map.of(ReportFixture.CHURN, 2, ReportFixture.CLAIMS, 2), chartsPerModel,
            "a weight chart and a regret chart per model");
    }

    @Test
    void paletteKeepsColoursDistinctBeyondItsTenFixedOnes() {
        List<String> names = IntStream.range(0, 40).mapToObj(i -> String.format("g%02d", i)).toList();
        Palette palette = Palette.of(names);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            assertTrue(palette.colour(n).matches("#[0-9a-f]{6}"), palette.colour(n));
            assertTrue(seen.add(palette.colour(n)), n + " repeats " + palette.colour(n));
        }
        List<String> reversed = new ArrayList<>(names.subList(0, 20));
        Collections.reverse(reversed);
        assertEquals(palette.colour("g07"), Palette.of(reversed).colour("g07"),
            "the colour depends on the sorted names, not on their order");
    }

    @Test
    void headlessChromiumRendersTheCharts(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            assertFalse("true".equals(System.getenv("CI")),
                "CI must have Chromium at " + CHROMIUM + " (.ci/run installs it)");
            Assumptions.abort("Chromium is not installed here (apt-get install chromium)");
        }
        Path out = Files.createDirectories(Path.of("target", "report-rendering"));
        Path page = out.resolve("report.html");
        Files.writeString(page, HTML);
        Path png = out.resolve("report.png");
        Files.deleteIfExists(png);
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
            "--window-size=1000,6400", "--screenshot=" + png.toAbsolutePath(), page.toAbsolutePath().toUri().toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.exists(png) && Files.size(png) > 10_000,
            "a screenshot was written: " + Files.readString(dir.resolve("chromium.log")));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        int firstSeries = 0;
        int secondSeries = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                firstSeries += near(rgb, 0x1f77b4) ? 1 : 0;
                secondSeries += near(rgb, 0xd62728) ? 1 : 0;
            }
        }
        assertTrue(firstSeries > 500 && secondSeries > 500,
            "the first two colours' lines are drawn: " + firstSeries + " and " + secondSeries + " pixels");
    }

    private static boolean near(int rgb, int colour) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((colour >> shift) & 0xFF)) > 24) {
                return false;
            }
        }
        return true;
    }
}
