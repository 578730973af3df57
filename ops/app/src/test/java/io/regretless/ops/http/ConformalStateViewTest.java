package io.regretless.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.regretless.codec.ConformalSeriesCodec;
import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.ConformalSeries;
import io.regretless.topology.config.ConformalModelConfig;

/** {@code GET /models/{id}} of a conformal series shows its accepted groups and the coverage on each. */
class ConformalStateViewTest {

    @Test
    void theViewShowsEachGroupsCoverage() throws Exception {
        ConformalModelConfig config = new ConformalModelConfig(CalibratorKind.MULTIVALID, CalibratorConfig.of(0.9), 2, 10,
            Duration.ofMinutes(1), List.of());
        ConformalSeries series = ConformalSeries.create(config.calibrator(), config.calibration(), config.warmup(),
            config.lceWindow());
        series.accept(List.of("rain", "sun", "winter"));
        double[] y = {0.1, -0.1, 0.2, 0.05, 3.0, 0.0};
        List<List<String>> groups = List.of(List.of("rain"), List.of("sun"), List.of("rain", "winter"),
            List.of("sun"), List.of("rain", "winter"), List.of("rain"));
        for (int t = 0; t < y.length; t++) {
            double r = series.radius(groups.get(t));
            series.observe(0, -r, r, y[t], groups.get(t));
        }
        JsonNode view = new ObjectMapper().readTree(StateViews.conformal("s",
            ConformalSeriesCodec.encode(series, "s"), config));

        assertEquals(List.of("rain", "sun", "winter"), List.of(view.get("groups").get(0).asText(),
            view.get("groups").get(1).asText(), view.get("groups").get(2).asText()));
        JsonNode perGroup = view.get("groupCoverage");
        assertEquals(3, perGroup.size(), view.toString());
        for (JsonNode g : perGroup) {
            var figure = series.evaluator().groupCoverage(g.get("group").asText());
            assertEquals(figure.scored(), g.get("scored").asLong(), g.toString());
            assertEquals(figure.covered(), g.get("covered").asLong(), g.toString());
            assertEquals(figure.coverage(), g.get("coverage").asDouble(), g.toString());
        }
        assertEquals("rain", perGroup.get(0).get("group").asText(), "in order of the first scored label");
        assertEquals(3, perGroup.get(0).get("scored").asLong(), "rain: three scored labels after the two of the warm-up");
    }
}
