package io.regretless.ops.conformal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The real series the conformal benchmark replays, read from the copies shipped on the class path
 * under {@code /datasets/} (see the README there for sources and licences).
 */
public enum BenchSeries {
    /** Seattle daily maximum temperature, 2012–2015 (1,461 days); weekly season. */
    SEATTLE("seattle", "seattle-weather.csv", "temp_max", 7),
    /** Mauna Loa monthly CO2 concentration, 1958–2020 (741 months), not seasonally adjusted; yearly season. */
    CO2("co2", "co2-concentration.csv", "CO2", 12);

    private final String shortName;
    private final String file;
    private final String column;
    private final int period;

    BenchSeries(String shortName, String file, String column, int period) {
        this.shortName = shortName;
        this.file = file;
        this.column = column;
        this.period = period;
    }

    /** The name used in model ids, options and the table: {@code seattle}, {@code co2}. */
    public String shortName() {
        return shortName;
    }

    /** The class-path resource the series is read from. */
    public String resource() {
        return "/datasets/" + file;
    }

    public String column() {
        return column;
    }

    /** The season length of the seasonal-naive forecaster: 7 (daily data) or 12 (monthly data). */
    public int period() {
        return period;
    }

    /** The raw values of {@link #column()}, in file order. */
    public double[] raw() {
        try (InputStream in = BenchSeries.class.getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + resource() + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            int c = header == null ? -1 : Arrays.asList(header.split(",", -1)).indexOf(column);
            if (c < 0) {
                throw new IllegalStateException("no column '" + column + "' in the header of " + resource());
            }
            List<String> cells = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    cells.add(line.split(",", -1)[c]);
                }
            }
            double[] values = new double[cells.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.parseDouble(cells.get(i));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource(), e);
        }
    }

    /** Min-max normalisation to [0, 1] over the whole array, as the golden protocol: (x − min) / (max − min). */
    public static double[] normalise(double[] raw) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : raw) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("a constant series cannot be min-max normalised");
        }
        double[] y = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            y[i] = (raw[i] - min) / (max - min);
        }
        return y;
    }

    /** Parses a short name ({@code seattle}) or an enum name, case-insensitively. */
    public static BenchSeries parse(String name) {
        for (BenchSeries s : values()) {
            if (s.shortName.equalsIgnoreCase(name.trim()) || s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown series '" + name + "'; known: "
            + Arrays.stream(values()).map(BenchSeries::shortName).toList());
    }

    @Override
    public String toString() {
        return shortName.toLowerCase(Locale.ROOT);
    }
}
