package io.regretless.connectors.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;

/**
 * The standard supervised-to-bandit conversion of a multiclass data set: each row is a context,
 * each class an action, and choosing action {@code a} for row {@code i} earns reward 1 if {@code a}
 * is the row's label and 0 otherwise; only the chosen action's reward is revealed. This is the
 * conversion of Dudík, Langford and Li, "Doubly Robust Policy Evaluation and Learning" (ICML 2011,
 * Sec. 5.1) and of Bietti, Agarwal and Langford, "A Contextual Bandit Bake-off" (JMLR 22(133),
 * 2021), who use it to compare contextual-bandit learners on hundreds of classification sets by
 * progressive validation reward.
 *
 * <p>Requests ({@link #request}): {@code context} maps each non-zero feature's name to its value
 * (zeros are left out, so maps stay sparse); {@code actions} has one {@link Action} per distinct
 * label in ascending order, whose id is the label in decimal ({@code "0"}, {@code "7"}, {@code "-1"})
 * and which has no features. The action list is one immutable list shared by every request; do
 * not mutate its elements. Features are used as they are in the data set (scale them there, e.g.
 * {@link LabelledDataset#dividedBy}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ClassificationBandit implements ReplayEnvironment {
    private final LabelledDataset data;
    private final List<Action> actions;
    private final String[] correctActionIds; // per row, one shared String per class

    public ClassificationBandit(LabelledDataset data) {
        this.data = Objects.requireNonNull(data, "data");
        int[] classes = data.classes();
        Map<Integer, String> idOfClass = new HashMap<>();
        List<Action> list = new ArrayList<>(classes.length);
        for (int label : classes) {
            String id = Integer.toString(label);
            idOfClass.put(label, id);
            list.add(new Action(id, Map.of()));
        }
        this.actions = List.copyOf(list);
        this.correctActionIds = new String[data.rows()];
        for (int row = 0; row < data.rows(); row++) {
            correctActionIds[row] = idOfClass.get(data.label(row));
        }
    }

    public LabelledDataset data() {
        return data;
    }

    @Override
    public int rows() {
        return data.rows();
    }

    /** One action per class, ids ascending by label; the list every request carries. */
    public List<Action> actions() {
        return actions;
    }

    /** The id of the action that earns reward 1 on this row (its label). */
    public String correctAction(int row) {
        return correctActionIds[Objects.checkIndex(row, correctActionIds.length)];
    }

    /** The row's non-zero features, name to value (a new mutable map). */
    public Map<String, Double> context(int row) {
        int dimension = data.dimension();
        int nonZero = 0;
        for (int j = 0; j < dimension; j++) {
            if (data.feature(row, j) != 0) {
                nonZero++;
            }
        }
        Map<String, Double> context = new HashMap<>((int) (nonZero / 0.75f) + 1);
        for (int j = 0; j < dimension; j++) {
            double value = data.feature(row, j);
            if (value != 0) {
                context.put(data.featureName(j), value);
            }
        }
        return context;
    }

    /** The decision request for one row. */
    @Override
    public DecisionRequest request(int row, String requestId, String modelId, long timestamp) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(modelId, "modelId");
        return new DecisionRequest(requestId, modelId, timestamp, context(row), actions);
    }

    /** 1.0 when {@code chosenActionId} is the row's label, else 0.0 (also for unknown ids). */
    @Override
    public double reward(int row, String chosenActionId) {
        return correctAction(row).equals(chosenActionId) ? 1.0 : 0.0;
    }

    /** The reward of a decision on this row, observed at {@code timestamp}. */
    public Reward reward(int row, Decision decision, long timestamp) {
        return new Reward(decision.getRequestId(), decision.getModelId(),
            reward(row, decision.getChosenActionId()), timestamp);
    }
}
