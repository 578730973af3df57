package io.regretless.ops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regretless.schemas.CandidateEvaluation;
import io.regretless.schemas.PolicyEstimate;
import io.regretless.schemas.PolicyEvaluation;

/**
 * One model's shadow evaluation over its distinct policy-evaluation records: per candidate the
 * doubly robust estimate (IPS where a record has no DR) and its 95 % normal interval against the
 * number of decisions scored, and the latest record (the most decisions scored).
 */
final class ShadowTally {
    static final String CHARTED = "dr";
    static final String FALLBACK = "ips";

    final Map<String, Series> estimate = new LinkedHashMap<>();
    final Map<String, Series> lower = new LinkedHashMap<>();
    final Map<String, Series> upper = new LinkedHashMap<>();
    private PolicyEvaluation latest;

    void add(PolicyEvaluation evaluation) {
        for (CandidateEvaluation candidate : evaluation.getCandidates()) {
            PolicyEstimate e = charted(candidate);
            if (e == null || e.getValue() == null) {
                continue;
            }
            String name = candidate.getCandidate();
            estimate.computeIfAbsent(name, Series::new).add(evaluation.getRounds(), e.getValue());
            if (e.getLower() != null && e.getUpper() != null) {
                lower.computeIfAbsent(name, Series::new).add(evaluation.getRounds(), e.getLower());
                upper.computeIfAbsent(name, Series::new).add(evaluation.getRounds(), e.getUpper());
            }
        }
        if (latest == null || evaluation.getRounds() > latest.getRounds()) {
            latest = evaluation;
        }
    }

    /** The estimate the charts show for a candidate: DR, or IPS when a record has no DR. */
    static PolicyEstimate charted(CandidateEvaluation candidate) {
        PolicyEstimate fallback = null;
        for (PolicyEstimate e : candidate.getEstimates()) {
            if (e.getEstimator().equals(CHARTED)) {
                return e;
            }
            if (e.getEstimator().equals(FALLBACK)) {
                fallback = e;
            }
        }
        return fallback;
    }

    /** The estimate named {@code estimator} of a candidate, or null. */
    static PolicyEstimate estimate(CandidateEvaluation candidate, String estimator) {
        for (PolicyEstimate e : candidate.getEstimates()) {
            if (e.getEstimator().equals(estimator)) {
                return e;
            }
        }
        return null;
    }

    PolicyEvaluation latest() {
        return latest;
    }

    List<String> candidates() {
        return new ArrayList<>(estimate.keySet());
    }
}
