package io.regretless.topology.conformal;

import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.codec.ConformalSeriesCodec;
import io.regretless.conformal.ConformalSeries;
import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.task.LearnerStore;

/** How the calibrated series of a task are created, read and written in their store. */
final class SeriesRepository {
    private SeriesRepository() {
    }

    static LearnerStore<ConformalSeries> of(KeyValueStore<String, byte[]> store, Map<String, ConformalModelConfig> configs) {
        return new LearnerStore<>(store, new LearnerStore.Codec<>() {
            @Override
            public ConformalSeries create(String modelId) {
                ConformalModelConfig c = configs.get(modelId);
                return ConformalSeries.create(c.calibrator(), c.calibration(), c.warmup(), c.lceWindow());
            }

            @Override
            public ConformalSeries decode(String modelId, byte[] bytes) {
                ConformalModelConfig c = configs.get(modelId);
                return ConformalSeriesCodec.decode(bytes, c.calibrator(), c.calibration(), c.warmup(), c.lceWindow());
            }

            @Override
            public byte[] encode(String modelId, ConformalSeries series) {
                return ConformalSeriesCodec.encode(series, modelId);
            }
        });
    }
}
