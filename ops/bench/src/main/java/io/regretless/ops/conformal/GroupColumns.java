package io.regretless.ops.conformal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The groups of each row of a series file, from {@code groups=<column>[:season|:month|:<v1>+<v2>...],...}: a plain
 * column gives the group {@code <column>:<value>} (e.g. {@code weather:rain}); {@code <column>:season} reads an ISO
 * date (yyyy-mm-dd) and gives its meteorological season ({@code season:winter} for December to February, spring,
 * summer, fall); {@code <column>:month} gives {@code month:01} to {@code month:12}; {@code <column>:sun+rain} keeps
 * those values and merges every other one into {@code <column>:other} (groups of a handful of rows cannot hold a
 * coverage). Each row belongs to one group per column, so the groups of different columns overlap.
 */
final class GroupColumns {
    private GroupColumns() {
    }

    /** Per row of {@code file}, in file order, its groups in the order of the spec. */
    static List<List<String>> read(String file, String spec) {
        List<List<String>> perColumn = new ArrayList<>();
        for (String part : SeriesBenchmark.split(spec)) {
            int colon = part.indexOf(':');
            String column = colon < 0 ? part : part.substring(0, colon);
            String derived = colon < 0 ? "" : part.substring(colon + 1);
            List<String> cells = SeriesFile.readText(file, column);
            List<String> names = new ArrayList<>(cells.size());
            List<String> kept = List.of(derived.split("\\+"));
            for (String cell : cells) {
                names.add(switch (derived.toLowerCase(Locale.ROOT)) {
                    case "" -> column + ":" + cell;
                    case "season" -> "season:" + season(month(cell));
                    case "month" -> String.format(Locale.ROOT, "month:%02d", month(cell));
                    default -> column + ":" + (kept.contains(cell) ? cell : "other");
                });
            }
            perColumn.add(names);
        }
        int rows = perColumn.isEmpty() ? 0 : perColumn.get(0).size();
        List<List<String>> groups = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>(perColumn.size());
            for (List<String> column : perColumn) {
                row.add(column.get(r));
            }
            groups.add(List.copyOf(row));
        }
        return groups;
    }

    private static int month(String isoDate) {
        if (isoDate.length() < 7 || isoDate.charAt(4) != '-') {
            throw new IllegalArgumentException("'" + isoDate + "' is not an ISO date (yyyy-mm-dd)");
        }
        return Integer.parseInt(isoDate.substring(5, 7));
    }

    private static String season(int month) {
        return switch (month) {
            case 12, 1, 2 -> "winter";
            case 3, 4, 5 -> "spring";
            case 6, 7, 8 -> "summer";
            default -> "fall";
        };
    }
}
