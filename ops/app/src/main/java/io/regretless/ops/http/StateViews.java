package io.regretless.ops.http;

import java.util.StringJoiner;

import io.regretless.bandit.BanditConfig;
import io.regretless.codec.ConformalSeriesCodec;
import io.regretless.codec.ExpertsModelCodec;
import io.regretless.conformal.ConformalSeries;
import io.regretless.conformal.metrics.GroupCoverage;
import io.regretless.experts.ExpertsModel;
import io.regretless.features.CollisionSketch;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.state.ArmModel;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.config.ExpertsModelConfig;

/** Human-readable JSON summaries of stored learner state, for operators and dashboards. */
final class StateViews {
    private static final AvroCodec<LinearBanditState> BANDITS = AvroCodec.of(LinearBanditState.class);

    private StateViews() {
    }

    /**
     * @param features the model's feature names as this instance counted them: how many share a
     *                 coordinate with another, so that the model adds their values up (left out for a
     *                 multi-armed learner, which reads no features)
     */
    static String bandit(byte[] bytes, BanditConfig config, CollisionSketch.Report features) {
        LinearBanditState state = BANDITS.decode(bytes);
        StringJoiner arms = new StringJoiner(",", "[", "]");
        for (ArmModel arm : state.getArms()) {
            arms.add("{\"actionId\":" + quote(arm.getActionId()) + ",\"observations\":" + arm.getModel().getObservations()
                + ",\"dimension\":" + arm.getModel().getDimension() + "}");
        }
        String names = "{\"dimension\":" + config.dimension() + ",\"declared\":" + features.declared()
            + ",\"names\":" + features.names() + ",\"sharing\":" + features.sharing() + ",\"exact\":" + features.exact()
            + ",\"summary\":" + quote(features.describe()) + "}";
        return "{\"modelId\":" + quote(state.getModelId()) + ",\"kind\":\"bandit\",\"learner\":" + quote(state.getLearner())
            + ",\"version\":" + state.getVersion() + ",\"stateBytes\":" + bytes.length
            + (config.kind().multiArmed() ? "" : ",\"features\":" + names)
            + ",\"arms\":" + arms + "}";
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
        StringJoiner accepted = new StringJoiner(",", "[", "]");
        series.groups().forEach(g -> accepted.add(quote(g)));
        json.append(",\"groups\":").append(accepted);
        if (series.isWarm()) {
            json.append(",\"scoredLabels\":").append(series.evaluator().count())
                .append(",\"coverage\":").append(number(series.evaluator().coverage()))
                .append(",\"meanWidth\":").append(number(series.evaluator().meanWidth()))
                .append(",\"unboundedShare\":").append(number(series.evaluator().unboundedShare()))
                .append(",\"medianHalfWidth\":").append(number(series.evaluator().medianHalfWidth()));
            StringJoiner groups = new StringJoiner(",", "[", "]");
            for (GroupCoverage.Figure f : series.evaluator().groupCoverage()) {
                groups.add("{\"group\":" + quote(f.group()) + ",\"scored\":" + f.scored() + ",\"covered\":"
                    + f.covered() + ",\"coverage\":" + number(f.coverage()) + "}");
            }
            json.append(",\"groupCoverage\":").append(groups);
        }
        return json.append('}').toString();
    }

    static String experts(String modelId, byte[] bytes, ExpertsModelConfig config) {
        ExpertsModel model = ExpertsModelCodec.decode(bytes, config.shape());
        StringBuilder json = new StringBuilder("{\"modelId\":").append(quote(modelId))
            .append(",\"kind\":\"experts\",\"mode\":").append(quote(config.mode().wireName()))
            .append(",\"loss\":").append(quote(config.loss().wireName()))
            .append(",\"labelLow\":").append(number(config.range().low()))
            .append(",\"labelHigh\":").append(number(config.range().high()))
            .append(",\"version\":").append(model.version())
            .append(",\"stateBytes\":").append(bytes.length);
        StringJoiner groups = new StringJoiner(",", "[", "]");
        int g = config.groups().size();
        for (int i = 0; i <= g; i++) {
            ExpertsModel.GroupStanding s = model.standing(i);
            String name = i < g ? config.groups().get(i) : ExpertsModel.ALWAYS_ON;
            String learner = config.mode() == ExpertsModel.Mode.FEATURES
                ? ",\"observations\":" + model.observations(i) : "";
            groups.add("{\"group\":" + quote(name) + ",\"rounds\":" + s.rounds() + ",\"algorithmLoss\":"
                + number(s.algorithmLoss()) + ",\"hindsightLoss\":" + number(s.hindsightLoss()) + ",\"regret\":"
                + number(s.regret()) + learner + "}");
        }
        json.append(",\"groups\":").append(groups);
        if (config.mode() == ExpertsModel.Mode.ADVICE) {
            StringJoiner experts = new StringJoiner(",", "[", "]");
            for (int i = 0; i < config.experts().size(); i++) {
                experts.add("{\"expert\":" + quote(config.experts().get(i)) + ",\"hedgeRegret\":"
                    + number(model.hedgeRegret(i)) + "}");
            }
            json.append(",\"experts\":").append(experts);
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
