package io.regretless.ops.experts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;


/**
 * A real tabular data set with intersecting groups, from the jar's copy of Seattle's daily weather
 * 2012–2015 (NOAA, via npm vega-datasets; {@code datasets/seattle-weather.csv}): 1,461 days in date
 * order. Label: the day's maximum temperature; features: minimum temperature, precipitation and wind;
 * each min-max scaled to [0, 1] over the whole set, as the paper scales its labels. Every day belongs
 * to two groups: its weather (drizzle, fog, rain, snow, sun) and its season (winter = Dec–Feb,
 * spring, summer, autumn).
 */
public final class SeattleWeatherGroups implements GroupedData {
    static final String RESOURCE = "/datasets/seattle-weather.csv";
    private static final List<String> WEATHER = List.of("drizzle", "fog", "rain", "snow", "sun");
    private static final List<String> SEASONS = List.of("winter", "spring", "summer", "autumn");
    private static final int FEATURES = 3;

    private final double[] x;
    private final int[] weather;
    private final int[] season;
    private final double[] label;

    private SeattleWeatherGroups(double[] x, int[] weather, int[] season, double[] label) {
        this.x = x;
        this.weather = weather;
        this.season = season;
        this.label = label;
    }

    /** Reads and scales the set from the class path. */
    public static SeattleWeatherGroups load() {
        try (InputStream in = SeattleWeatherGroups.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = Arrays.asList(reader.readLine().split(",", -1));
            int date = column(header, "date");
            int[] columns = {column(header, "temp_min"), column(header, "precipitation"), column(header, "wind")};
            int max = column(header, "temp_max");
            int kind = column(header, "weather");
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            int n = rows.size();
            double[][] raw = new double[FEATURES + 1][n];
            int[] weather = new int[n];
            int[] season = new int[n];
            for (int t = 0; t < n; t++) {
                String[] row = rows.get(t);
                for (int j = 0; j < FEATURES; j++) {
                    raw[j][t] = Double.parseDouble(row[columns[j]]);
                }
                raw[FEATURES][t] = Double.parseDouble(row[max]);
                weather[t] = WEATHER.indexOf(row[kind]);
                if (weather[t] < 0) {
                    throw new IllegalStateException("unknown weather '" + row[kind] + "' on " + row[date]);
                }
                int month = Integer.parseInt(row[date].substring(5, 7));
                season[t] = WEATHER.size() + (month % 12) / 3;
            }
            double[] x = new double[n * FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                double[] scaled = scale(raw[j]);
                for (int t = 0; t < n; t++) {
                    x[t * FEATURES + j] = scaled[t];
                }
            }
            return new SeattleWeatherGroups(x, weather, season, scale(raw[FEATURES]));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    private static int column(List<String> header, String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalStateException("no column '" + name + "' in " + RESOURCE);
        }
        return c;
    }

    private static double[] scale(double[] v) {
        double min = Arrays.stream(v).min().orElseThrow();
        double max = Arrays.stream(v).max().orElseThrow();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - min) / (max - min);
        }
        return out;
    }

    @Override
    public int rows() {
        return label.length;
    }

    @Override
    public int features() {
        return FEATURES;
    }

    @Override
    public int groups() {
        return WEATHER.size() + SEASONS.size();
    }

    @Override
    public String groupName(int group) {
        return group < WEATHER.size() ? WEATHER.get(group) : SEASONS.get(group - WEATHER.size());
    }

    @Override
    public void features(int row, double[] out) {
        System.arraycopy(x, row * FEATURES, out, 0, FEATURES);
    }

    @Override
    public int groups(int row, int[] out) {
        out[0] = weather[row];
        out[1] = season[row];
        return 2;
    }

    @Override
    public double label(int row) {
        return label[row];
    }
}
