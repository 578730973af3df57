package io.regretless.ops.http;

import java.util.StringJoiner;

import io.regretless.conformal.ConformalSeries;
import io.regretless.conformal.ConformalSeriesCodec;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.state.ArmModel;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.topology.config.ConformalModelConfig;

/** Human-readable JSON summaries of stored learner state, for operators and dashboards. */
final class StateViews {
    private static final AvroCodec<LinearBanditState> BANDITS = AvroCodec.of(LinearBanditState.class);

    private StateViews() {
    }

    static String bandit(byte[] bytes) {
        LinearBanditState state = BANDITS.decode(bytes);
        StringJoiner arms = new StringJoiner(",", "[", "]");
        for (ArmModel arm : state.getArms()) {
            arms.add("{\"actionId\":" + quote(arm.getActionId()) + ",\"observations\":" + arm.getModel().getObservations()
                + ",\"dimension\":" + arm.getModel().getDimension() + "}");
        }
        return "{\"modelId\":" + quote(state.getModelId()) + ",\"kind\":\"bandit\",\"learner\":" + quote(state.getLearner())
            + ",\"version\":" + state.getVersion() + ",\"stateBytes\":" + bytes.length + ",\"arms\":" + arms + "}";
    }

    static String conformal(String modelId, byte[] bytes, ConformalModelConfig config) {
        ConformalSeries series = ConformalSeriesCodec.decode(bytes, config.calibrator(), config.calibration(),
            config.warmup(), config.lceWindow());
        StringBuilder json = new StringBuilder("{\"modelId\":").append(quote(modelId))
            .append(",\"kind\":\"conformal\",\"calibrator\":").append(quote(series.kind().wireName()))
            .append(",\"coverageTarget\":").append(number(series.coverage()))
            .append(",\"version\":").append(series.version())
            .append(",\"warm\":").append(series.isWarm())
            .append(",\"radius\":").append(number(series.radius()))
            .append(",\"stateBytes\":").append(bytes.length);
        if (series.isWarm()) {
            json.append(",\"scoredLabels\":").append(series.evaluator().count())
                .append(",\"coverage\":").append(number(series.evaluator().coverage()))
                .append(",\"medianHalfWidth\":").append(number(series.evaluator().medianHalfWidth()));
        }
        return json.append('}').toString();
    }

    /** A JSON number, or null for NaN and infinities, which JSON cannot carry. */
    static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
