package io.regretless.ops.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.kafka.common.utils.Utils;

import io.regretless.schemas.Action;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.codec.AvroCodec;

/**
 * The synthetic requests of a run, serialised once so both apps see the same bytes, and the
 * environment that rewards them.
 *
 * <p>Request {@code i} has id {@code r<i>}, model {@code modelIds().get(i % models)}, context
 * features {@code f0..f<F-1>} drawn uniformly from [0, 1) with a fixed seed, and actions
 * {@code a0..a<K-1>}, each with one feature {@code price}. The reward is 1 when the chosen action
 * is {@code a<k>} with {@code k} the largest of the first min(K, F) context features, else 0:
 * a linear learner can learn it. Model ids are picked so that model {@code m} lands in partition
 * {@code m % partitions} under Kafka's default partitioner.
 */
final class Workload {
    private static final AvroCodec<DecisionRequest> CODEC = AvroCodec.of(DecisionRequest.class);

    private final List<String> modelIds;
    private final byte[][] keys;
    private final byte[][] values;
    private final int[] best;

    Workload(Options options, long timestamp) {
        int total = options.warmup() + options.requests();
        this.modelIds = spreadModelIds(options.models(), options.partitions());
        this.keys = new byte[total][];
        this.values = new byte[total][];
        this.best = new int[total];
        SplittableRandom random = new SplittableRandom(20_240_601L);
        for (int i = 0; i < total; i++) {
            String model = modelIds.get(i % modelIds.size());
            Map<String, Double> context = new HashMap<>();
            int argmax = 0;
            double max = -1;
            for (int f = 0; f < options.contextFeatures(); f++) {
                double x = random.nextDouble();
                context.put("f" + f, x);
                if (f < options.actions() && x > max) {
                    max = x;
                    argmax = f;
                }
            }
            List<Action> actions = new ArrayList<>(options.actions());
            for (int a = 0; a < options.actions(); a++) {
                actions.add(new Action("a" + a, Map.of("price", random.nextDouble())));
            }
            keys[i] = (options.keys().equals("model") ? model : "r" + i).getBytes(StandardCharsets.UTF_8);
            values[i] = CODEC.encode(new DecisionRequest("r" + i, model, timestamp, context, actions));
            best[i] = argmax;
        }
    }

    int size() {
        return values.length;
    }

    List<String> modelIds() {
        return modelIds;
    }

    /** The record key of request {@code i} (and of its reward), UTF-8: its request id, or its model id with {@code keys=model}. */
    byte[] key(int i) {
        return keys[i];
    }

    /** Request {@code i}, single-object-encoded. */
    byte[] value(int i) {
        return values[i];
    }

    /** The index of a request id {@code r<i>}. */
    static int index(String requestId) {
        return Integer.parseInt(requestId, 1, requestId.length(), 10);
    }

    /** The reward of choosing {@code actionId} for request {@code i}. */
    double reward(int i, String actionId) {
        return actionId.equals("a" + best[i]) ? 1.0 : 0.0;
    }

    private static List<String> spreadModelIds(int models, int partitions) {
        List<String> ids = new ArrayList<>(models);
        for (int candidate = 0; ids.size() < models; candidate++) {
            String id = "model-" + candidate;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (partition == ids.size() % partitions) {
                ids.add(id);
            }
        }
        return ids;
    }
}
