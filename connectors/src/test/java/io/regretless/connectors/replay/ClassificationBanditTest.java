package io.regretless.connectors.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;

class ClassificationBanditTest {
    private static final LabelledDataset SMALL = LabelledDataset.of(
        new double[][] {{0, 1.5, 0}, {2, 0, -3}, {0, 0, 0}},
        new int[] {7, 2, 7});

    @Test
    void oneFeaturelessActionPerClassIdentifiedByItsLabel() {
        ClassificationBandit bandit = new ClassificationBandit(SMALL);
        assertEquals(List.of(new Action("2", Map.of()), new Action("7", Map.of())), bandit.actions());
        assertThrows(UnsupportedOperationException.class, () -> bandit.actions().add(new Action("9", Map.of())));
        assertEquals("7", bandit.correctAction(0));
        assertEquals("2", bandit.correctAction(1));
        assertEquals(3, bandit.rows());
    }

    @Test
    void contextKeepsOnlyNonZeroFeaturesByName() {
        ClassificationBandit bandit = new ClassificationBandit(SMALL.withFeatureNames(List.of("x", "y", "z")));
        assertEquals(Map.of("y", 1.5), bandit.context(0));
        assertEquals(Map.of("x", 2.0, "z", -3.0), bandit.context(1));
        assertEquals(Map.of(), bandit.context(2));
        assertEquals(Map.of("p1", 1.5), new ClassificationBandit(SMALL).context(0));
    }

    @Test
    void requestCarriesIdsTimeContextAndTheSharedActions() {
        ClassificationBandit bandit = new ClassificationBandit(SMALL);
        DecisionRequest request = bandit.request(1, "m-0-1", "m", 1234L);
        assertEquals("m-0-1", request.getRequestId());
        assertEquals("m", request.getModelId());
        assertEquals(1234L, request.getTimestamp());
        assertEquals(Map.of("p0", 2.0, "p2", -3.0), request.getContext());
        assertSame(bandit.actions(), request.getActions());
        assertSame(request.getActions(), bandit.request(0, "m-0-0", "m", 0L).getActions());
        // valid against the schema: it survives the wire format
        AvroCodec<DecisionRequest> codec = AvroCodec.of(DecisionRequest.class);
        assertEquals(request, codec.decode(codec.encode(request)));
    }

    @Test
    void rewardIsOneForTheLabelElseZero() {
        ClassificationBandit bandit = new ClassificationBandit(SMALL);
        assertEquals(1.0, bandit.reward(0, "7"));
        assertEquals(0.0, bandit.reward(0, "2"));
        assertEquals(1.0, bandit.reward(1, "2"));
        assertEquals(0.0, bandit.reward(1, "07"));
        assertEquals(0.0, bandit.reward(1, "nonsense"));
        assertEquals(0.0, bandit.reward(1, null));
        Decision decision = new Decision("m-0-2", "m", "7", 0.5,
            List.of(new ActionProbability("2", 0.5), new ActionProbability("7", 0.5)), 3L, "test", 10L);
        assertEquals(new Reward("m-0-2", "m", 1.0, 99L), bandit.reward(2, decision, 99L));
        assertThrows(IndexOutOfBoundsException.class, () -> bandit.reward(3, "7"));
    }

    @Test
    void digitsBecomeATenArmedBanditWithSparseContexts() throws IOException {
        LabelledDataset digits = LabelledDataset.readCsv(TestData.digits()).dividedBy(16);
        ClassificationBandit bandit = new ClassificationBandit(digits);
        assertEquals(10, bandit.actions().size());
        for (int k = 0; k < 10; k++) {
            assertEquals(Integer.toString(k), bandit.actions().get(k).getId());
            assertTrue(bandit.actions().get(k).getFeatures().isEmpty());
        }
        long nonZero = 0;
        int correct = 0;
        for (int row = 0; row < bandit.rows(); row++) {
            Map<String, Double> context = bandit.context(row);
            nonZero += context.size();
            assertTrue(context.size() < 64, "digit images have blank pixels");
            context.forEach((name, value) -> assertTrue(value > 0 && value <= 1, name + "=" + value));
            for (int k = 0; k < 10; k++) {
                correct += (int) bandit.reward(row, Integer.toString(k));
            }
        }
        assertEquals(bandit.rows(), correct, "exactly one action earns 1 on every row");
        assertEquals(58_736, nonZero, "sum over rows of non-zero pixels");
    }
}
