package io.regretless.topology.conformal;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.conformal.ConformalSeries;
import io.regretless.conformal.ConformalSeriesCodec;
import io.regretless.topology.config.ConformalModelConfig;

/**
 * The calibrated series of one task: the changelog-backed store is the truth; decoded series are
 * kept in memory and every change is written through before the record is done. A series whose
 * update failed half-way is dropped from memory and re-read from the store.
 */
final class SeriesRepository {
    private final KeyValueStore<String, byte[]> store;
    private final Map<String, ConformalModelConfig> configs;
    private final Map<String, ConformalSeries> decoded = new HashMap<>();

    SeriesRepository(KeyValueStore<String, byte[]> store, Map<String, ConformalModelConfig> configs) {
        this.store = store;
        this.configs = configs;
    }

    ConformalSeries get(String modelId) {
        ConformalSeries series = decoded.get(modelId);
        if (series == null) {
            ConformalModelConfig c = configs.get(modelId);
            byte[] bytes = store.get(modelId);
            series = bytes == null
                ? ConformalSeries.create(c.calibrator(), c.calibration(), c.warmup(), c.lceWindow())
                : ConformalSeriesCodec.decode(bytes, c.calibrator(), c.calibration(), c.warmup(), c.lceWindow());
            decoded.put(modelId, series);
        }
        return series;
    }

    /** Lets the series learn from one label and stores it; returns whether the interval covered. */
    Boolean observe(String modelId, double yhat, double lower, double upper, double y) {
        ConformalSeries series = get(modelId);
        try {
            Boolean covered = series.observe(yhat, lower, upper, y);
            store.put(modelId, ConformalSeriesCodec.encode(series, modelId));
            return covered;
        } catch (RuntimeException e) {
            decoded.remove(modelId);
            throw e;
        }
    }

    void clear() {
        decoded.clear();
    }
}
