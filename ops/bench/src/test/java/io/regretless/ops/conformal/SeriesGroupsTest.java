package io.regretless.ops.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.regretless.conformal.metrics.GroupCoverage;

/**
 * {@code conformal-bench series=... groups=...}: the groups of each row come from the named columns, and the rows run
 * with them: the Seattle example ({@code groups=date:season,weather:sun+rain}) gives multivalid every group within
 * 0.02 of 0.9, while a run without groups is the plain one.
 */
class SeriesGroupsTest {
    static final String SEATTLE = "data/series/seattle-weather.csv";

    @Test
    void columnsBecomeGroupsPerRow() {
        List<List<String>> groups = GroupColumns.read(SEATTLE, "date:season,weather:sun+rain");
        assertEquals(1461, groups.size());
        assertEquals(List.of("season:winter", "weather:other"), groups.get(0), "2012-01-01, drizzle");
        assertEquals(List.of("season:winter", "weather:rain"), groups.get(1), "2012-01-02, rain");
        assertEquals(List.of("month:01", "weather:drizzle"), GroupColumns.read(SEATTLE, "date:month,weather").get(0));
        assertThrows(IllegalArgumentException.class, () -> GroupColumns.read(SEATTLE, "weather:season"),
            "a season needs a date");
    }

    @Test
    void theSeattleExampleHoldsEveryGroupWithGroupsAndIsThePlainRunWithout() {
        double[] raw = SeriesFile.read(SEATTLE, "temp_max");
        ProtocolReplay replay = ProtocolReplay.of("temp_max", raw, BaseForecaster.parse("naive"));
        List<List<String>> groups = GroupColumns.read(SEATTLE, "date:season,weather:sun+rain");
        List<List<String>> streamed = groups.subList(raw.length - replay.steps(), raw.length);
        MethodRow multivalid = MethodRow.parse("multivalid").get(0);

        RowFigures grouped = RowFigures.run(replay, multivalid, 0.9, streamed);
        assertEquals(7, grouped.groups().size());
        for (GroupCoverage.Figure g : grouped.groups()) {
            assertTrue(Math.abs(g.coverage() - 0.9) <= 0.02, g.toString());
        }
        assertTrue(SeriesBenchmark.groupTable(List.of(grouped)).contains("weather:other"));

        RowFigures plain = RowFigures.run(replay, multivalid, 0.9);
        RowFigures plainDefault = RowFigures.run(replay, MethodRow.parse("default").get(0), 0.9);
        assertEquals(List.of(), plain.groups());
        assertEquals(plainDefault.coverage(), plain.coverage(), "without groups multivalid is default");
        assertEquals(plainDefault.meanWidth(), plain.meanWidth());
    }
}
