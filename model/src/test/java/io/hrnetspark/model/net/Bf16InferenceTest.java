package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.AMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * In bf16 all three tiny networks give the official float32 outputs within bfloat16 rounding
 * ({@link Bf16Tolerance}); the fused oneDNN plan itself is checked in float32 against the official
 * outputs by the network tests' ONEDNN mode.
 */
class Bf16InferenceTest {

    @BeforeAll
    static void needsBf16Cpu() {
        Assumptions.assumeTrue(CpuIsa.detect().bf16(), "this CPU has no bf16 arithmetic");
    }

    @Test
    void topDownHeatmapsAreTheOfficialOnesWithinBf16Rounding() {
        INDArray input = PoseTinyFixture.array("input.npy");
        NetworkDefinition network = new TopDownPoseNetwork(PoseTinyFixture.config());
        try (InferenceNetwork bf16 = bf16(network, PoseTinyFixture.weights())) {
            List<INDArray> outputs = bf16.output(input);
            assertWithinBf16Rounding(network, input, List.of(PoseTinyFixture.array("heatmaps.npy")), outputs);
        }
    }

    @Test
    void higherHrnetOutputsAreTheOfficialOnesWithinBf16Rounding() {
        INDArray input = HigherTinyFixture.array("input.npy");
        try (InferenceNetwork bf16 = bf16(HigherTinyFixture.network(), HigherTinyFixture.weights())) {
            assertWithinBf16Rounding(HigherTinyFixture.network(), input,
                    List.of(HigherTinyFixture.array("out0.npy"), HigherTinyFixture.array("out1.npy")),
                    bf16.output(input));
        }
    }

    @Test
    void segmentationLogitsAreTheOfficialOnesWithinBf16Rounding() {
        INDArray input = SegTinyFixture.array("input.npy");
        NetworkDefinition network = new SegmentationNetwork(SegTinyFixture.config());
        try (InferenceNetwork bf16 = bf16(network, SegTinyFixture.weights())) {
            assertWithinBf16Rounding(network, input, List.of(SegTinyFixture.array("logits.npy")),
                    bf16.output(input));
        }
    }

    /** Sizes that are not multiples of 32 (odd branch sizes, bilinear resizes to them) work as in float32. */
    @Test
    void segmentationTakesAnyInputSize() {
        INDArray input = SegTinyFixture.array("input.npy").get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 45), NDArrayIndex.interval(0, 100)).dup();
        NetworkDefinition network = new SegmentationNetwork(SegTinyFixture.config());
        try (InferenceNetwork bf16 = bf16(network, SegTinyFixture.weights());
             InferenceNetwork fp32 = fp32(network, SegTinyFixture.weights())) {
            List<INDArray> outputs = bf16.output(input);
            assertArrayEquals(new long[] {1, 19, 12, 25}, outputs.get(0).shape());
            assertWithinBf16Rounding(network, input, fp32.output(input), outputs);
        }
    }

    /** oneDNN resizes with half-pixel centres only: align_corners=True runs in float32 through ND4J. */
    @Test
    void alignCornersResizesRunInFloat32(@TempDir Path folder) throws IOException {
        Path config = folder.resolve("config.yaml");
        String yaml = Files.readString(SegTinyFixture.file("config.yaml"));
        Files.writeString(config, yaml.replace("ALIGN_CORNERS: false", "ALIGN_CORNERS: true"));
        SegmentationNetwork network = new SegmentationNetwork(
                (io.hrnetspark.model.config.SegmentationConfig) ExperimentConfigReader.read(config));
        INDArray input = SegTinyFixture.array("input.npy");
        try (InferenceNetwork bf16 = bf16(network, SegTinyFixture.weights());
             InferenceNetwork fp32 = fp32(network, SegTinyFixture.weights())) {
            List<INDArray> outputs = bf16.output(input);
            assertWithinBf16Rounding(network, input, fp32.output(input), outputs);
            List<String> ops = ((OneDnnExecutor) bf16.executor()).plan(input.shape()).opTypes();
            assertTrue(ops.contains("resize_bilinear align_corners (f32)"), ops::toString);
            assertTrue(ops.stream().noneMatch(op -> op.startsWith("resize_bilinear+")), ops::toString);
        }
    }

    @Test
    void otherBatchSizesRunOnTheirOwnBuffersAndOutputsOutliveTheNextCall() {
        INDArray input = PoseTinyFixture.array("input.npy");
        NetworkDefinition network = new TopDownPoseNetwork(PoseTinyFixture.config());
        try (InferenceNetwork bf16 = bf16(network, PoseTinyFixture.weights())) {
            INDArray first = bf16.output(input).get(0);
            INDArray copy = first.dup();
            INDArray two = input.get(NDArrayIndex.interval(1, 3)).dup();
            assertWithinBf16Rounding(network, two,
                    List.of(PoseTinyFixture.array("heatmaps.npy").get(NDArrayIndex.interval(1, 3))), bf16.output(two));
            bf16.output(input.mul(-1));
            assertEquals(copy, first);
            assertEquals('c', first.ordering());
            // The same batch again gives the same outputs: the bound plan keeps no state between calls.
            assertEquals(copy, bf16.output(input).get(0));
        }
    }

    @Test
    void featureMapBuffersAreReused() {
        INDArray input = PoseTinyFixture.array("input.npy");
        NetworkDefinition network = new TopDownPoseNetwork(PoseTinyFixture.config());
        try (InferenceNetwork bf16 = bf16(network, PoseTinyFixture.weights())) {
            bf16.output(input);
            ExecutionPlan plan = ExecutionPlan.record(network, new FeatureShape(3, 128, 96));
            int buffers = ((OneDnnExecutor) bf16.executor()).plan(input.shape()).buffers();
            assertTrue(buffers * 5 < plan.tensors(), buffers + " buffers for " + plan.tensors() + " tensors");
        }
    }

    @Test
    void inputViewsGiveTheOutputsOfTheirCopies() {
        INDArray view = PoseTinyFixture.array("input.npy").get(NDArrayIndex.interval(1, 3));
        try (InferenceNetwork bf16 = bf16(new TopDownPoseNetwork(PoseTinyFixture.config()), PoseTinyFixture.weights())) {
            assertEquals(bf16.output(view.dup()), bf16.output(view));
        }
    }

    static InferenceNetwork bf16(NetworkDefinition network, Map<String, INDArray> weights) {
        return InferenceNetwork.create(network, weights, "weights.npz", "config.yaml", ExecutionMode.DIRECT,
                Precision.BF16);
    }

    private static InferenceNetwork fp32(NetworkDefinition network, Map<String, INDArray> weights) {
        return InferenceNetwork.create(network, weights, "weights.npz", "config.yaml", ExecutionMode.DIRECT);
    }

    /** Each output within {@link Bf16Tolerance} of the float32 one, and not equal to it (bf16 really ran). */
    static void assertWithinBf16Rounding(NetworkDefinition network, INDArray input, List<INDArray> float32,
                                         List<INDArray> bf16) {
        int[] roundings = Bf16Tolerance.roundings(ExecutionPlan.record(network,
                new FeatureShape((int) input.size(1), (int) input.size(2), (int) input.size(3))));
        assertEquals(float32.size(), bf16.size());
        for (int i = 0; i < float32.size(); i++) {
            INDArray expected = float32.get(i).castTo(DataType.FLOAT);
            assertArrayEquals(expected.shape(), bf16.get(i).shape());
            assertEquals(DataType.FLOAT, bf16.get(i).dataType());
            double maxAbs = expected.amaxNumber().doubleValue();
            double tolerance = Bf16Tolerance.of(roundings[i], maxAbs);
            double maxDiff = Nd4j.getExecutioner().exec(new AMax(expected.sub(bf16.get(i)))).getDouble(0);
            assertTrue(maxDiff <= tolerance, "output " + i + ": max |bf16 - fp32| " + maxDiff + " > " + tolerance
                    + " (" + roundings[i] + " roundings of 2^-8 x max |fp32| " + maxAbs + ")");
            assertTrue(maxDiff > 0, "output " + i + " equals the float32 one: bf16 did not run");
        }
    }
}
