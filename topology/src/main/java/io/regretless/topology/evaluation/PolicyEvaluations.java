package io.regretless.topology.evaluation;

import java.util.ArrayList;
import java.util.List;

import io.regretless.codec.ShadowEvaluationCodec;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.evaluation.Estimate;
import io.regretless.evaluation.Interval;
import io.regretless.evaluation.KnownBounds;
import io.regretless.evaluation.PolicyEstimates;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.schemas.CandidateEvaluation;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.PolicyEstimate;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.state.ShadowEvaluationState;
import io.regretless.topology.config.ModelConfig;

/**
 * A model's shadow evaluation as the {@code PolicyEvaluation} record the topic carries and the HTTP
 * endpoint shows: per candidate the five estimates with both 95 % intervals, effective sample size
 * and largest weight. Numbers JSON cannot carry (an undefined SNIPS, an unbounded interval) are null.
 */
public final class PolicyEvaluations {
    private static final AvroCodec<ShadowEvaluationState> STATES = AvroCodec.of(ShadowEvaluationState.class);

    private PolicyEvaluations() {
    }

    /** The evaluation as it stands. */
    public static PolicyEvaluation of(String modelId, ShadowEvaluation evaluation, long timestamp) {
        List<CandidateEvaluation> candidates = new ArrayList<>();
        for (ShadowEvaluation.CandidateEstimates c : evaluation.estimates()) {
            candidates.add(candidate(c.candidate(), c.learner(), c.estimates()));
        }
        return new PolicyEvaluation(modelId, evaluation.rounds(), evaluation.rewards().mean(), timestamp, candidates);
    }

    /**
     * The evaluation a store value holds ({@code ShadowEvaluationState}), its intervals with the
     * model's configured reward range. A candidate that is no longer configured shows the policy
     * {@code (no longer configured)}.
     */
    public static PolicyEvaluation fromStore(byte[] stored, ModelConfig model) {
        ShadowEvaluationState state = STATES.decode(stored);
        ShadowEvaluation.Setup setup = model.shadows().setup(model.bandit());
        KnownBounds bounds = setup.bounds();
        List<String> names = ShadowEvaluationCodec.candidates(state);
        List<CandidateEvaluation> candidates = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            PolicyEstimates estimates = ShadowEvaluationCodec.estimates(state, i, name);
            String policy = "(no longer configured)";
            for (CandidateSpec spec : setup.candidates()) {
                if (spec.name().equals(name)) {
                    policy = ShadowEvaluation.describe(spec.resolve(model.bandit()));
                }
            }
            candidates.add(candidate(name, policy, estimates.estimates(bounds)));
        }
        return new PolicyEvaluation(state.getModelId(), state.getRounds(), ShadowEvaluationCodec.rewards(state).mean(),
            state.getTimestamp(), candidates);
    }

    private static CandidateEvaluation candidate(String name, String policy, List<Estimate> estimates) {
        List<PolicyEstimate> out = new ArrayList<>(estimates.size());
        for (Estimate e : estimates) {
            Interval normal = e.normal();
            Interval bernstein = e.bernstein();
            out.add(new PolicyEstimate(e.estimator(), finite(e.value()), finite(normal.lower()), finite(normal.upper()),
                finite(bernstein.lower()), finite(bernstein.upper()), e.effectiveSampleSize(), e.maxWeight()));
        }
        return new CandidateEvaluation(name, policy, out);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
