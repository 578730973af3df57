package io.regretless.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.ExpertWeight;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;

/** The report page draws every model, and headless Chromium renders it (a screenshot with the charts in it). */
class ReportRenderingTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static ReportData sampleData() {
        ReportData data = new ReportData(1.0);
        for (String model : List.of("digits-linucb", "digits-squarecb")) {
            for (int t = 0; t < 500; t++) {
                DecisionRequest request = new DecisionRequest("r" + t, model, (long) t, Map.of(), List.of(new Action("a", Map.of())));
                Decision decision = new Decision("r" + t, model, "a", 1.0, List.of(new ActionProbability("a", 1.0)), (long) t, "x", (long) t);
                double reward = t % 10 < (model.endsWith("linucb") ? 8 : 6) ? 1.0 : 0.0;
                data.add(new Feedback(request, decision, reward, true, (long) t));
            }
        }
        for (int t = 1; t <= 300; t++) {
            data.add(new ConformalEvaluation("temperature", "saocp", 0.9, (long) t, true, 0.9 + 0.05 / t,
                0.2, 0.1 + 0.01 * Math.sin(t / 20.0), 100, t >= 100 ? 0.91 : null, t >= 100 ? 0.04 : null, (long) t));
        }
        for (int t = 1; t <= 200; t++) {
            data.add(new CombinedPrediction("c" + t, "claims", 0.5, List.of(new ExpertWeight("gbm", 0.5 + t / 1000.0),
                new ExpertWeight("glm", 0.5 - t / 1000.0)), (long) t, (long) t));
            data.add(new ExpertsEvaluation("claims", "young", (long) t, 0.1 * t, 0.1 * t + 1, -1.0 + Math.sqrt(t) / 10, (long) t));
        }
        return data;
    }

    @Test
    void pageHasAChartLinePerModel() {
        String html = HtmlReport.render("test report", sampleData());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("digits-linucb") && html.contains("digits-squarecb") && html.contains("temperature"));
        assertEquals(2 * 3 + 3 + 2 + 1, html.split("<polyline").length - 1,
            "reward, average and regret per bandit model; coverage, window coverage, width for the series; "
                + "a weight line per expert; a regret line per group");
        assertTrue(html.contains("claims gbm") && html.contains("claims young"), "experts and groups are named");
        assertTrue(html.contains("stroke-dasharray"), "the coverage target is drawn");
        assertTrue(!html.contains("<script"), "no scripts: the page renders offline");
    }

    @Test
    void headlessChromiumRendersTheCharts(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            assertFalse("true".equals(System.getenv("CI")), "CI must have Chromium at " + CHROMIUM + " (.ci/run installs it)");
            Assumptions.abort("Chromium is not installed here (apt-get install chromium)");
        }
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render("test report", sampleData()));
        Path png = dir.resolve("report.png");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
            "--window-size=900,1600", "--screenshot=" + png, page.toUri().toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(png) > 10_000, "a screenshot was written: " + Files.readString(dir.resolve("chromium.log")));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
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
            "both models' lines are drawn: " + firstSeries + " and " + secondSeries + " pixels");
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
