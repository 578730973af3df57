package io.regretless.topology.conformal;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.regretless.conformal.ConformalSeries;
import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.config.RegretlessSettings;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.deadletter.RecordRules;

/** What every prediction request and label must satisfy; violations carry their dead-letter reason. */
final class ConformalChecks {
    /** Group names are quoted in refusals up to this many characters. */
    private static final int QUOTED_NAME = 48;

    private ConformalChecks() {
    }

    /** The checks of an id, a model and a value that every prediction request and label passes first. */
    static ConformalModelConfig model(Map<String, ConformalModelConfig> configs, String id, String modelId,
                                      double value, String what) {
        RecordRules.requireId(id);
        ConformalModelConfig config = RecordRules.configured(configs, modelId, "conformal model");
        RecordRules.requireFinite(value, what);
        return config;
    }

    /**
     * Checks a prediction's groups, each named by its JSON pointer: at most {@link ConformalSeries#MAX_GROUPS}, each
     * once, of 1 to {@link ConformalSeries#MAX_GROUP_NAME_BYTES} UTF-8 bytes, configured ones when the series lists
     * its groups ({@link DeadLetterReason#UNKNOWN_GROUP} otherwise), and room in the series for those it has not
     * accepted yet.
     */
    static void requireGroups(String modelId, List<String> groups, ConformalModelConfig config, ConformalSeries series) {
        if (groups.isEmpty()) {
            return;
        }
        if (groups.size() > ConformalSeries.MAX_GROUPS) {
            throw invalid("/groups: " + groups.size() + " groups, at most " + ConformalSeries.MAX_GROUPS);
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < groups.size(); k++) {
            String g = groups.get(k);
            int bytes = g.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0) {
                throw invalid("/groups/" + k + ": a group name must not be empty");
            }
            if (bytes > ConformalSeries.MAX_GROUP_NAME_BYTES) {
                throw invalid("/groups/" + k + ": group " + quote(g) + " has " + bytes + " UTF-8 bytes, at most "
                    + ConformalSeries.MAX_GROUP_NAME_BYTES);
            }
            if (!seen.add(g)) {
                throw invalid("/groups/" + k + ": group " + quote(g) + " is listed twice");
            }
            if (config.closedGroups() && !config.groups().contains(g)) {
                throw new InvalidRecordException(DeadLetterReason.UNKNOWN_GROUP, "/groups/" + k + ": group " + quote(g)
                    + " is not configured for conformal model '" + modelId + "'; configured: " + config.groups());
            }
        }
        requireRoom(modelId, groups, config, series);
    }

    /** Refuses groups that would take the series past {@link ConformalSeries#MAX_GROUPS}. */
    static void requireRoom(String modelId, List<String> groups, ConformalModelConfig config, ConformalSeries series) {
        if (series.hasAccepted(groups)) {
            return;
        }
        List<String> unseen = series.unacceptedGroups(groups);
        int held = series.groupCount();
        if (held + unseen.size() > ConformalSeries.MAX_GROUPS) {
            throw invalid("/groups: conformal model '" + modelId + "' already holds " + held + " groups and "
                + unseen.size() + " more would exceed " + ConformalSeries.MAX_GROUPS
                + (config.closedGroups() ? "" : "; list its groups in " + RegretlessSettings.CONFORMAL_GROUPS.key(modelId)));
        }
    }

    private static String quote(String name) {
        return "'" + (name.length() <= QUOTED_NAME ? name : name.substring(0, QUOTED_NAME) + "…") + "'";
    }

    private static InvalidRecordException invalid(String detail) {
        return new InvalidRecordException(DeadLetterReason.INVALID_RECORD, detail);
    }
}
