package io.regretless.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.ConformalSeries;

/** Conformal settings: the recommended calibrator by default, every score kept, state bounded by the record limit. */
class ConformalConfigTest {

    private static Properties series(String... settings) {
        Properties p = new Properties();
        p.put("bootstrap.servers", "localhost:9092");
        p.put("application.id", "test");
        p.put("regretless.conformal.models", "s");
        for (String s : settings) {
            int eq = s.indexOf('=');
            p.put("regretless.conformal.model.s." + s.substring(0, eq), s.substring(eq + 1));
        }
        return p;
    }

    @Test
    void withoutACalibratorTheSeriesUsesTheDefaultOneAndKeepsEveryScore() {
        ConformalModelConfig c = RegretlessConfig.fromProperties(series()).conformal().get("s");
        assertEquals(CalibratorKind.DEFAULT, c.calibrator());
        assertEquals(CalibratorConfig.DEFAULT_EXACT_HISTORY, c.calibration().exactHistory());
        assertTrue(c.maxStateBytes() < 900_000, "default bound " + c.maxStateBytes());
    }

    @Test
    void everyCalibratorFitsTheDefaultStateBound() {
        for (CalibratorKind kind : CalibratorKind.values()) {
            ConformalModelConfig c = RegretlessConfig.fromProperties(series("calibrator=" + kind.wireName()))
                .conformal().get("s");
            assertEquals(kind, c.calibrator());
            assertTrue(c.maxStateBytes() < 900_000, kind + " bound " + c.maxStateBytes());
        }
    }

    @Test
    void anExactHistoryThatCouldOutgrowTheRecordLimitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RegretlessConfig.fromProperties(series("calibrator=scp", "exact.history=100000")));
        assertTrue(e.getMessage().contains("max.state.bytes"), e.getMessage());
    }

    @Test
    void groupsAreOpenByDefaultAndBoundedWhenListed() {
        assertEquals(List.of(), RegretlessConfig.fromProperties(series()).conformal().get("s").groups());
        ConformalModelConfig c = RegretlessConfig.fromProperties(series("calibrator=multivalid",
            "groups=season:winter,season:summer,weather:rain")).conformal().get("s");
        assertEquals(List.of("season:winter", "season:summer", "weather:rain"), c.groups());
        assertTrue(c.closedGroups());

        String many = IntStream.rangeClosed(0, ConformalSeries.MAX_GROUPS).mapToObj(g -> "g" + g)
            .collect(Collectors.joining(","));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RegretlessConfig.fromProperties(series("groups=" + many)));
        assertTrue(e.getMessage().contains("regretless.conformal.model.s.groups") && e.getMessage().contains("65 groups"),
            e.getMessage());
        String tooLong = "x".repeat(ConformalSeries.MAX_GROUP_NAME_BYTES + 1);
        e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(series("groups=a," + tooLong)));
        assertTrue(e.getMessage().contains("regretless.conformal.model.s.groups") && e.getMessage().contains("129 UTF-8 bytes"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(series("groups=a,b,a")));
        assertTrue(e.getMessage().contains("'a' is listed twice"), e.getMessage());
    }

    @Test
    void theRetiredWindowSettingIsRefusedWithItsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RegretlessConfig.fromProperties(series("calibrator=scp", "max.history=2000")));
        assertTrue(e.getMessage().contains("exact.history"), e.getMessage());
    }
}
