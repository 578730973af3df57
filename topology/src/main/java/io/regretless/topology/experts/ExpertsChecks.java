package io.regretless.topology.experts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.schemas.Advice;
import io.regretless.schemas.ExpertAdvice;
import io.regretless.topology.config.ExpertsModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.deadletter.RecordRules;

/**
 * What every case and label must satisfy, and the name-to-index maps of each model's groups and
 * experts; violations carry their dead-letter reason.
 */
final class ExpertsChecks {
    private final Map<String, ExpertsModelConfig> configs;
    private final Map<String, Map<String, Integer>> groups = new HashMap<>();
    private final Map<String, Map<String, Integer>> experts = new HashMap<>();

    ExpertsChecks(Map<String, ExpertsModelConfig> configs) {
        this.configs = configs;
        configs.forEach((id, config) -> {
            groups.put(id, index(config.groups()));
            experts.put(id, index(config.experts()));
        });
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        return index;
    }

    ExpertsModelConfig model(String modelId) {
        return RecordRules.configured(configs, modelId, "experts model");
    }

    /** The model's configuration, or null if it is no longer configured. */
    ExpertsModelConfig configured(String modelId) {
        return configs.get(modelId);
    }

    /** The name of group g of the model; g = G is the always-on group. */
    String groupName(String modelId, int group) {
        List<String> names = configs.get(modelId).groups();
        return group == names.size() ? ExpertsModel.ALWAYS_ON : names.get(group);
    }

    /** Checks an advice record against its model and resolves its names. */
    ExpertCase resolve(Advice advice) {
        RecordRules.requireId(advice.getId());
        ExpertsModelConfig config = model(advice.getModelId());
        int[] caseGroups = resolveGroups(advice);
        if (config.mode() == Mode.ADVICE) {
            if (!advice.getFeatures().isEmpty()) {
                throw invalid("model '" + advice.getModelId() + "' is in advice mode: features are not accepted");
            }
            List<ExpertAdvice> given = advice.getAdvice();
            if (given.isEmpty()) {
                throw invalid("no expert is awake: the advice list is empty");
            }
            Map<String, Integer> known = experts.get(advice.getModelId());
            int[] awake = new int[given.size()];
            double[] predictions = new double[given.size()];
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < awake.length; k++) {
                String name = given.get(k).getExpert();
                Integer index = known.get(name);
                if (index == null) {
                    throw new InvalidRecordException(DeadLetterReason.UNKNOWN_EXPERT, "expert '" + name
                        + "' is not configured for model '" + advice.getModelId() + "'; configured: " + config.experts());
                }
                if (!seen.add(name)) {
                    throw invalid("expert '" + name + "' is listed twice");
                }
                awake[k] = index;
                predictions[k] = given.get(k).getPrediction();
                RecordRules.requireFinite(predictions[k], "prediction of expert '" + name + "'");
            }
            return new ExpertCase(config, caseGroups, awake, predictions, null);
        }
        if (!advice.getAdvice().isEmpty()) {
            throw invalid("model '" + advice.getModelId() + "' is in features mode: expert advice is not accepted");
        }
        List<Double> given = advice.getFeatures();
        if (given.size() > config.dimension()) {
            throw new InvalidRecordException(DeadLetterReason.TOO_MANY_FEATURES, given.size()
                + " features, model '" + advice.getModelId() + "' has dimension " + config.dimension());
        }
        if (given.size() < config.dimension()) {
            throw invalid(given.size() + " features, model '" + advice.getModelId() + "' needs exactly "
                + config.dimension());
        }
        double[] x = new double[given.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = given.get(i);
            RecordRules.requireFinite(x[i], "feature " + i);
        }
        return new ExpertCase(config, caseGroups, null, null, x);
    }

    private int[] resolveGroups(Advice advice) {
        Map<String, Integer> known = groups.get(advice.getModelId());
        List<String> names = advice.getGroups();
        int[] indices = new int[names.size()];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < indices.length; k++) {
            Integer index = known.get(names.get(k));
            if (index == null) {
                throw new InvalidRecordException(DeadLetterReason.UNKNOWN_GROUP, "group '" + names.get(k)
                    + "' is not configured for model '" + advice.getModelId() + "'; configured: "
                    + configs.get(advice.getModelId()).groups());
            }
            if (!seen.add(names.get(k))) {
                throw invalid("group '" + names.get(k) + "' is listed twice");
            }
            indices[k] = index;
        }
        return indices;
    }

    static InvalidRecordException invalid(String detail) {
        return new InvalidRecordException(DeadLetterReason.INVALID_RECORD, detail);
    }
}
