package io.regretless.ops.conformal;

import java.util.Arrays;

/** The base forecasters whose point predictions the benchmark calibrates. */
public enum Forecaster {
    /** ŷ_t = y_{t−1}. */
    NAIVE("naive"),
    /** ŷ_t = y_{t−p}, p the series' {@link BenchSeries#period()} (7 for daily Seattle, 12 for monthly CO2). */
    SEASONAL_NAIVE("seasonal");

    private final String shortName;

    Forecaster(String shortName) {
        this.shortName = shortName;
    }

    /** The name used in model ids, options and the table: {@code naive}, {@code seasonal}. */
    public String shortName() {
        return shortName;
    }

    /** How far back the forecaster looks on {@code series}. */
    public int lag(BenchSeries series) {
        return this == NAIVE ? 1 : series.period();
    }

    /** Parses a short name, an enum name, or {@code seasonal-naive}, case-insensitively. */
    public static Forecaster parse(String name) {
        String n = name.trim();
        if (n.equalsIgnoreCase("seasonal-naive") || n.equalsIgnoreCase("snaive")) {
            return SEASONAL_NAIVE;
        }
        for (Forecaster f : values()) {
            if (f.shortName.equalsIgnoreCase(n) || f.name().equalsIgnoreCase(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown forecaster '" + name + "'; known: "
            + Arrays.stream(values()).map(Forecaster::shortName).toList());
    }

    @Override
    public String toString() {
        return shortName;
    }
}
