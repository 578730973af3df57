package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.regretless.codec.ExpertsStateCodec;
import io.regretless.codec.PackedState;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.experts.ExpertsModel.Play;
import io.regretless.experts.ExpertsModel.Shape;

/**
 * "Same seed, same input, same state bit for bit" across JVMs: a fixed input (from {@link Random},
 * whose algorithm the Java specification fixes) replayed through every experts learner kind gives
 * state whose SHA-256 is committed here. The digests change only if the arithmetic changes — a
 * different formula, operation order or a platform-dependent function such as {@link Math#exp} where
 * {@link StrictMath#exp} is required; then re-derive them deliberately and say why in the commit.
 */
class StateDigestTest {
    private static final int D = 5;
    private static final int GROUPS = 4;
    private static final int ROUNDS = 2_000;

    private static double[] features(Random random) {
        double[] x = new double[D];
        for (int i = 0; i < D; i++) {
            x[i] = random.nextDouble();
        }
        return x;
    }

    private static int[] caseGroups(Random random) {
        int a = random.nextInt(2);
        return random.nextInt(4) == 0 ? new int[] {a} : new int[] {2 + random.nextInt(2), a};
    }

    private static double label(double[] x, int[] groups, Random random) {
        double y = 0.1 * random.nextGaussian();
        for (int g : groups) {
            y += (g + 1) * x[g] / (2.0 * groups.length);
        }
        return y + 0.3 * x[4];
    }

    @Test
    void groupwiseRidge() {
        Random random = new Random(42);
        GroupwiseRidge learner = new GroupwiseRidge(D, GROUPS, 30.0, LossFunction.SQUARE, new LabelRange(-0.5, 1.5));
        for (int t = 0; t < ROUNDS; t++) {
            double[] x = features(random);
            int[] g = caseGroups(random);
            learner.predict(x, g);
            learner.update(x, g, label(x, g, random));
        }
        assertDigest("3428312777441fc28b94c232824da1e7876d338a9a2f0d6cd5040fe9b87272c4", ExpertsStateCodec.export(learner));
    }

    @Test
    void groupIndicatorRidge() {
        Random random = new Random(43);
        GroupIndicatorRidge learner = new GroupIndicatorRidge(D, GROUPS, LabelRange.UNIT);
        for (int t = 0; t < ROUNDS; t++) {
            double[] x = features(random);
            int[] g = caseGroups(random);
            learner.update(x, g, label(x, g, random));
        }
        assertDigest("9eeaccf694f7ac7f9cc6c60947803dead7893ca15e7488ccebc65fb5a3c1b458", ExpertsStateCodec.export(learner));
    }

    @Test
    void adviceCombinerAndItsHedge() {
        Random random = new Random(44);
        AdviceCombiner combiner = new AdviceCombiner(new double[] {1, 2, 3, 4, 5}, LossFunction.ABSOLUTE, LabelRange.UNIT);
        SleepingAdaNormalHedge hedge = new SleepingAdaNormalHedge(5);
        for (int t = 0; t < ROUNDS; t++) {
            int[] awake = random.nextBoolean() ? new int[] {4, 0, 2} : new int[] {1, 3};
            double[] advice = new double[awake.length];
            double[] losses = new double[awake.length];
            double[] played = new double[awake.length];
            for (int k = 0; k < awake.length; k++) {
                advice[k] = random.nextDouble();
                losses[k] = random.nextDouble();
            }
            combiner.weights(awake, played);
            combiner.update(awake, advice, played, random.nextDouble());
            hedge.update(awake, losses);
        }
        assertDigest("f8f5880de531f6ccca1e1d6c6e13487061e17c55185b61762d53d96b468cff6e", ExpertsStateCodec.export(combiner));
        assertDigest("574c1fab4c5eb4db809befbefdb7c9a15b17bfaa083583a14a9841939094c5a2", ExpertsStateCodec.export(hedge));
    }

    @Test
    void sleepingHedge() {
        Random random = new Random(45);
        SleepingHedge hedge = new SleepingHedge(new double[] {0.5, 1, 1, 2}, 0.8);
        for (int t = 0; t < ROUNDS; t++) {
            int[] awake = random.nextBoolean() ? new int[] {3, 1} : new int[] {0, 1, 2};
            double[] losses = new double[awake.length];
            for (int k = 0; k < awake.length; k++) {
                losses[k] = random.nextDouble();
            }
            hedge.update(awake, losses);
        }
        assertDigest("5321db5c8672441871a0873da17f344ee600cfda3adc9450e8ce8fb854aaa6ac", ExpertsStateCodec.export(hedge));
    }

    @Test
    void groupRegret() {
        Random random = new Random(46);
        GroupRegret regret = new GroupRegret(D);
        for (int t = 0; t < ROUNDS; t++) {
            double[] x = features(random);
            regret.add(x, label(x, new int[] {1}, random), random.nextDouble());
        }
        assertDigest("9745e8c337348597d77d5c775708333e72ba48edda8c4224b89849922d3146b4", ExpertsStateCodec.export(regret));
    }

    @Test
    void expertsModelsAsStored() {
        Random random = new Random(47);
        ExpertsModel features = ExpertsModel.create(new Shape(Mode.FEATURES, GROUPS, D, LossFunction.SQUARE,
            LabelRange.UNIT));
        ExpertsModel advice = ExpertsModel.create(new Shape(Mode.ADVICE, GROUPS, 3, LossFunction.SQUARE,
            LabelRange.UNIT));
        for (int t = 0; t < ROUNDS; t++) {
            double[] x = features(random);
            int[] g = caseGroups(random);
            double y = label(x, g, random);
            Play play = features.play(x, g);
            features.learn(x, g, play.prediction(), y);
            int[] awake = {0, 1 + random.nextInt(2)};
            double[] predictions = {x[0], x[1]};
            Play combined = advice.play(awake, predictions);
            advice.learn(awake, predictions, combined.weights(), g, combined.prediction(), y);
        }
        assertDigest("e7ffbc1510b350d917ac597fc60724cc8462110be504508e98bb9ac93f84a8cc", features);
        assertDigest("70b524946eb3a3edda987749a7c1c3b5ad6200d208570d76c3583962cda97e64", advice);
    }

    /** A model's learner and every group's regret, in the order they are stored. */
    private static void assertDigest(String expected, ExpertsModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(encode(ExpertsStateCodec.pack(model.learnerState())));
        for (GroupRegret.State s : model.regretStates()) {
            bytes.writeBytes(encode(ExpertsStateCodec.pack(s)));
        }
        assertDigest(expected, bytes.toByteArray());
    }

    private static void assertDigest(String expected, PackedState state) {
        assertDigest(expected, encode(state));
    }

    /** Kind, then every double's IEEE-754 bits and every long, big-endian, each array after its length. */
    private static byte[] encode(PackedState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(state.kind());
            double[] doubles = state.doubles();
            out.writeInt(doubles.length);
            for (double v : doubles) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
            long[] longs = state.longs();
            out.writeInt(longs.length);
            for (long v : longs) {
                out.writeLong(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void assertDigest(String expected, byte[] bytes) {
        try {
            assertEquals(expected, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
