package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.AMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The tiny pose network reproduces the official PyTorch outputs of the pose-tiny fixture. */
class InferenceNetworkTest {

    /** The fixture README's tolerance for float32 heatmaps. */
    private static final double TOLERANCE = 2e-3;

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void heatmapsEqualOfficialOutputs(ExecutionMode mode) {
        INDArray input = PoseTinyFixture.array("input.npy");
        try (InferenceNetwork network = create(mode)) {
            assertClose(PoseTinyFixture.array("heatmaps.npy"), network.output(input).get(0));
            INDArray flipped = Nd4j.exec(new Reverse(input, 3))[0];
            assertClose(PoseTinyFixture.array("output_flipped_input_raw.npy"), network.output(flipped).get(0));
            // Batches of other sizes run on their own buffers and give the same maps.
            assertClose(PoseTinyFixture.array("heatmaps.npy").get(NDArrayIndex.interval(1, 3)),
                    network.output(input.get(NDArrayIndex.interval(1, 3)).dup()).get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void outputsStayValidAfterTheNextCall(ExecutionMode mode) {
        INDArray input = PoseTinyFixture.array("input.npy");
        try (InferenceNetwork network = create(mode)) {
            INDArray first = network.output(input).get(0);
            INDArray copy = first.dup();
            network.output(input.mul(-1));
            assertEquals(copy, first);
            assertEquals('c', first.ordering());
        }
    }

    @Test
    void unfoldedGraphVariablesAreTheStateDictEntries() {
        TopDownPoseNetwork definition = new TopDownPoseNetwork(PoseTinyFixture.config());
        ParameterLayout layout = ParameterLayout.of(definition);
        assertEquals(518, layout.entries().size());
        assertEquals(726_729, layout.trainableParameters());
        assertEquals(733_689, layout.stateDictElements());
        try (InferenceNetwork network = create(ExecutionMode.SAMEDIFF_UNFOLDED)) {
            Map<String, SDVariable> variables = graph(network).variables().stream()
                    .filter(v -> v.getVariableType() == VariableType.VARIABLE)
                    .collect(Collectors.toMap(SDVariable::name, v -> v));
            assertEquals(layout.byKey().keySet(), variables.keySet());
            for (ParameterEntry entry : layout.entries()) {
                assertArrayEquals(entry.shape(), variables.get(entry.key()).getArr().shape(), entry.key());
            }
        }
    }

    @Test
    void foldedGraphHasOneConvolutionPerBatchNormAndNoBatchNormOps() {
        TopDownPoseNetwork definition = new TopDownPoseNetwork(PoseTinyFixture.config());
        try (InferenceNetwork network = create(ExecutionMode.SAMEDIFF)) {
            List<String> opTypes = graph(network).getOps().values().stream()
                    .map(op -> op.getOp().opName()).toList();
            assertFalse(opTypes.contains("batchnorm"), opTypes::toString);
            assertEquals(ParameterLayout.of(definition).batchNormLayers() + 1,
                    opTypes.stream().filter("conv2d"::equals).count());
        }
    }

    @Test
    void directExecutionReusesBuffers() {
        INDArray input = PoseTinyFixture.array("input.npy");
        try (InferenceNetwork network = create(ExecutionMode.DIRECT)) {
            network.output(input);
            ExecutionPlan plan = ExecutionPlan.record(network.network(), new FeatureShape(3, 128, 96));
            List<INDArray> buffers = ((DirectExecutor) network.executor()).buffers(input.shape());
            assertTrue(buffers.size() * 5 < plan.tensors(), buffers.size() + " buffers for " + plan.tensors());
            Set<Long> distinct = buffers.stream().map(INDArray::offset).collect(Collectors.toSet());
            assertEquals(buffers.size(), distinct.size(), "each buffer has its own place in the arena");
        }
    }

    @Test
    void outputNamesFollowTheDefinition() {
        assertEquals(List.of("heatmaps"), new TopDownPoseNetwork(PoseTinyFixture.config()).outputNames());
    }

    private static InferenceNetwork create(ExecutionMode mode) {
        return InferenceNetwork.create(new TopDownPoseNetwork(PoseTinyFixture.config()), PoseTinyFixture.weights(),
                "weights.npz", "config.yaml", mode);
    }

    private static SameDiff graph(InferenceNetwork network) {
        return ((SameDiffExecutor) network.executor()).graph();
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double maxDiff = Nd4j.getExecutioner().exec(new AMax(expected.castTo(actual.dataType()).sub(actual)))
                .getDouble(0);
        assertTrue(maxDiff <= TOLERANCE, "max |diff| " + maxDiff);
    }
}
