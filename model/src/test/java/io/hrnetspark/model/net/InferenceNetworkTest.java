package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.net.InferenceNetwork.GraphForm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/** The tiny pose network reproduces the official PyTorch outputs of the pose-tiny fixture. */
class InferenceNetworkTest {

    /** The fixture README's tolerance for float32 heatmaps. */
    private static final double TOLERANCE = 2e-3;

    @ParameterizedTest
    @EnumSource(GraphForm.class)
    void heatmapsEqualOfficialOutputs(GraphForm form) {
        INDArray input = PoseTinyFixture.array("input.npy");
        try (InferenceNetwork network = InferenceNetwork.create(new TopDownPoseNetwork(PoseTinyFixture.config()),
                PoseTinyFixture.weights(), "weights.npz", "config.yaml", form)) {
            INDArray heatmaps = network.output(input).get(0);
            assertClose(PoseTinyFixture.array("heatmaps.npy"), heatmaps);
            INDArray flipped = Nd4j.exec(new Reverse(input, 3))[0];
            assertClose(PoseTinyFixture.array("output_flipped_input_raw.npy"), network.output(flipped).get(0));
        }
    }

    @Test
    void unfoldedGraphVariablesAreTheStateDictEntries() {
        TopDownPoseNetwork definition = new TopDownPoseNetwork(PoseTinyFixture.config());
        ParameterLayout layout = ParameterLayout.of(definition);
        assertEquals(518, layout.entries().size());
        assertEquals(726_729, layout.trainableParameters());
        assertEquals(733_689, layout.stateDictElements());
        try (InferenceNetwork network = InferenceNetwork.create(definition, PoseTinyFixture.weights(),
                "weights.npz", "config.yaml", GraphForm.UNFOLDED)) {
            Map<String, SDVariable> variables = network.graph().variables().stream()
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
        try (InferenceNetwork network = InferenceNetwork.create(definition, PoseTinyFixture.weights(),
                "weights.npz", "config.yaml", GraphForm.FOLDED)) {
            Set<String> opTypes = network.graph().getOps().values().stream().map(op -> op.getOp())
                    .map(op -> op.opName()).collect(Collectors.toSet());
            assertTrue(opTypes.contains("conv2d"), opTypes::toString);
            assertTrue(!opTypes.contains("batchnorm"), opTypes::toString);
            long convolutions = network.graph().getOps().values().stream().map(op -> op.getOp())
                    .filter(op -> op.opName().equals("conv2d")).count();
            assertEquals(ParameterLayout.of(definition).batchNormLayers() + 1, convolutions);
        }
    }

    @Test
    void outputsStayValidAfterTheNextCall() {
        INDArray input = PoseTinyFixture.array("input.npy");
        try (InferenceNetwork network = InferenceNetwork.create(new TopDownPoseNetwork(PoseTinyFixture.config()),
                PoseTinyFixture.weights(), "weights.npz", "config.yaml", GraphForm.FOLDED)) {
            INDArray first = network.output(input).get(0);
            INDArray copy = first.dup();
            network.output(input.mul(-1));
            assertEquals(copy, first);
            assertEquals('c', first.ordering());
        }
    }

    @Test
    void outputNamesFollowTheDefinition() {
        assertEquals(List.of("heatmaps"), new TopDownPoseNetwork(PoseTinyFixture.config()).outputNames());
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double maxDiff = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                expected.castTo(actual.dataType()).sub(actual))).getDouble(0);
        assertTrue(maxDiff <= TOLERANCE, "max |diff| " + maxDiff);
    }
}
