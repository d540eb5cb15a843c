package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.AMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The tiny HRNetV2 segmentation network reproduces the official PyTorch logits of the seg-tiny fixture. */
class SegmentationNetworkTest {

    /** The fixture README's tolerance for float32 logits. */
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void logitsEqualOfficialOutputs(ExecutionMode mode) {
        INDArray input = SegTinyFixture.array("input.npy");
        try (InferenceNetwork network = create(mode)) {
            assertClose(SegTinyFixture.array("logits.npy"), network.output(input).get(0));
            // One sample alone runs on its own buffers and gives the same logits.
            assertClose(SegTinyFixture.array("logits.npy").get(NDArrayIndex.interval(1, 2)),
                    network.output(input.get(NDArrayIndex.interval(1, 2)).dup()).get(0));
        }
    }

    /**
     * Every resize names its target size, so sizes that are not multiples of 32 work: stride-2
     * convolutions round up, 45x100 gives 12x25 (branches 12x25, 6x13, 3x7, 2x4).
     */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void anyInputSizeGivesLogitsAtAQuarter(ExecutionMode mode) {
        INDArray input = SegTinyFixture.array("input.npy").get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 45), NDArrayIndex.interval(0, 100)).dup();
        SegmentationNetwork definition = new SegmentationNetwork(SegTinyFixture.config());
        assertEquals(List.of(new FeatureShape(19, 18, 25)),
                ShapeTracer.trace(definition, new FeatureShape(3, 70, 100)).outputs());
        assertEquals(List.of(new FeatureShape(19, 12, 25)),
                ShapeTracer.trace(definition, new FeatureShape(3, 45, 100)).outputs());
        try (InferenceNetwork network = create(mode); InferenceNetwork direct = create(ExecutionMode.DIRECT)) {
            INDArray logits = network.output(input).get(0);
            assertArrayEquals(new long[] {1, 19, 12, 25}, logits.shape());
            assertClose(direct.output(input).get(0), logits);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"seg-tiny/model_legacy.pth", "seg-tiny-ckpt/model_zip.pth",
        "seg-tiny-ckpt/checkpoint_wrapped.pth", "seg-tiny-ckpt/model_fullmodel_legacy.pth"})
    void everyCheckpointFormatGivesTheLogitsOfTheNpzWeights(String checkpoint) {
        SegmentationNetwork definition = new SegmentationNetwork(SegTinyFixture.config());
        INDArray input = SegTinyFixture.array("input.npy");
        INDArray expected;
        try (InferenceNetwork fromNpz = InferenceNetwork.create(definition, SegTinyFixture.weights(),
                "weights.npz", "config.yaml", ExecutionMode.DIRECT)) {
            expected = fromNpz.output(input).get(0);
        }
        Path file = PoseTinyFixture.file(checkpoint.substring(0, checkpoint.indexOf('/')),
                checkpoint.substring(checkpoint.indexOf('/') + 1));
        StateDict weights = TorchCheckpoint.load(file);
        try (InferenceNetwork fromPth = InferenceNetwork.create(definition, weights, "config.yaml",
                ExecutionMode.DIRECT)) {
            INDArray logits = fromPth.output(input).get(0);
            assertEquals(expected, logits, checkpoint);
            assertClose(SegTinyFixture.array("logits.npy"), logits);
        }
        if (checkpoint.endsWith("fullmodel_legacy.pth")) {
            assertEquals(List.of("loss.criterion.weight"), weights.droppedKeys());
        }
    }

    @Test
    void layoutIsTheOfficialStateDict() throws IOException {
        ParameterLayout layout = ParameterLayout.of(new SegmentationNetwork(SegTinyFixture.config()));
        JsonNode expected = new ObjectMapper().readTree(SegTinyFixture.file("state_dict_keys.json").toFile());
        List<String> keys = new ArrayList<>();
        expected.forEach(entry -> keys.add(entry.get("key").asText()));
        assertEquals(keys, layout.entries().stream().map(ParameterEntry::key).toList());
        for (int i = 0; i < keys.size(); i++) {
            long[] shape = new ObjectMapper().convertValue(expected.get(i).get("shape"), long[].class);
            assertArrayEquals(shape, layout.entries().get(i).shape(), keys.get(i));
        }
        assertEquals(321, layout.entries().size());
        assertEquals(286_963, layout.trainableParameters());
        assertEquals(289_779, layout.stateDictElements());
    }

    @Test
    void directExecutionConcatenatesAndResizesInPlannedBuffers() {
        INDArray input = SegTinyFixture.array("input.npy");
        try (InferenceNetwork network = create(ExecutionMode.DIRECT)) {
            network.output(input);
            ExecutionPlan plan = ExecutionPlan.record(network.network(), new FeatureShape(3, 64, 128));
            List<ExecutionPlan.Kind> kinds = plan.steps().stream().map(ExecutionPlan.Step::kind).toList();
            assertEquals(1, kinds.stream().filter(ExecutionPlan.Kind.CONCAT::equals).count());
            // Fuse layers: stage2 1, stage3 3, stage4 6 lower-to-higher paths; head: 3.
            assertEquals(13, kinds.stream().filter(ExecutionPlan.Kind.RESIZE::equals).count());
            List<INDArray> buffers = ((DirectExecutor) network.executor()).buffers(input.shape());
            assertTrue(buffers.size() * 5 < plan.tensors(), buffers.size() + " buffers for " + plan.tensors());
        }
    }

    private static InferenceNetwork create(ExecutionMode mode) {
        return InferenceNetwork.create(new SegmentationNetwork(SegTinyFixture.config()), SegTinyFixture.weights(),
                "weights.npz", "config.yaml", mode);
    }

    static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double maxDiff = Nd4j.getExecutioner().exec(new AMax(expected.castTo(DataType.FLOAT).sub(actual)))
                .getDouble(0);
        assertTrue(maxDiff <= TOLERANCE, "max |diff| " + maxDiff);
    }
}
