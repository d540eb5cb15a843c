package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.AMax;
import org.nd4j.linalg.factory.Nd4j;

/** The tiny HigherHRNet reproduces the official PyTorch outputs of the higher-tiny fixture. */
class HigherHrnetNetworkTest {

    /** The fixture README's tolerance for float32 outputs. */
    private static final double TOLERANCE = 2e-3;

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void bothOutputsEqualOfficialOutputs(ExecutionMode mode) {
        try (InferenceNetwork network = InferenceNetwork.create(HigherTinyFixture.network(),
                HigherTinyFixture.weights(), "weights.npz", "config.yaml", mode)) {
            List<INDArray> outputs = network.output(HigherTinyFixture.array("input.npy"));
            assertEquals(2, outputs.size());
            assertClose(HigherTinyFixture.array("out0.npy"), outputs.get(0));
            assertClose(HigherTinyFixture.array("out1.npy"), outputs.get(1));
        }
    }

    @Test
    void everyCheckpointFormatLoadsAndGivesTheOutputsOfTheNpzWeights() {
        HigherHrnetNetwork definition = HigherTinyFixture.network();
        INDArray input = HigherTinyFixture.array("input.npy");
        List<INDArray> expected;
        try (InferenceNetwork fromNpz = InferenceNetwork.create(definition, HigherTinyFixture.weights(),
                "weights.npz", "config.yaml", ExecutionMode.DIRECT)) {
            expected = fromNpz.output(input);
        }
        for (Path checkpoint : new Path[] {HigherTinyFixture.file("model_legacy.pth"),
                PoseTinyFixture.file("higher-tiny-ckpt", "model_zip.pth"),
                PoseTinyFixture.file("higher-tiny-ckpt", "checkpoint_wrapped.pth")}) {
            try (InferenceNetwork fromPth = InferenceNetwork.create(definition, TorchCheckpoint.load(checkpoint),
                    "config.yaml", ExecutionMode.DIRECT)) {
                assertEquals(expected, fromPth.output(input), checkpoint.toString());
            }
        }
    }

    @Test
    void layoutIsTheFixtureStateDict() throws IOException {
        ParameterLayout layout = ParameterLayout.of(HigherTinyFixture.network());
        JsonNode expected = new ObjectMapper().readTree(HigherTinyFixture.file("state_dict_keys.json").toFile());
        ParameterLayoutTest.assertEntries(expected, layout.entries());
        assertEquals(538, layout.entries().size());
        assertEquals(733_611, layout.trainableParameters());
        assertEquals(740_619, layout.stateDictElements());
    }

    @Test
    void unfoldedGraphVariablesAreTheStateDictEntries() {
        ParameterLayout layout = ParameterLayout.of(HigherTinyFixture.network());
        try (InferenceNetwork network = InferenceNetwork.create(HigherTinyFixture.network(),
                HigherTinyFixture.weights(), "weights.npz", "config.yaml", ExecutionMode.SAMEDIFF_UNFOLDED)) {
            Map<String, SDVariable> variables = ((SameDiffExecutor) network.executor()).graph().variables().stream()
                    .filter(v -> v.getVariableType() == VariableType.VARIABLE)
                    .collect(Collectors.toMap(SDVariable::name, v -> v));
            assertEquals(layout.byKey().keySet(), variables.keySet());
            for (ParameterEntry entry : layout.entries()) {
                assertArrayEquals(entry.shape(), variables.get(entry.key()).getArr().shape(), entry.key());
            }
        }
    }

    @Test
    void outputsAreNamedLowestResolutionFirst() {
        assertEquals(List.of("output0", "output1"), HigherTinyFixture.network().outputNames());
        ShapeTracer.Trace trace = ShapeTracer.trace(HigherTinyFixture.network());
        assertEquals(List.of(new FeatureShape(34, 32, 32), new FeatureShape(17, 64, 64)), trace.outputs());
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double maxDiff = Nd4j.getExecutioner().exec(new AMax(expected.castTo(actual.dataType()).sub(actual)))
                .getDouble(0);
        assertTrue(maxDiff <= TOLERANCE, "max |diff| " + maxDiff);
    }
}
