package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plans for several input shapes: kept once bound (no binding again when sizes alternate), their
 * buffers sharing one arena as large as the largest plan, and outputs unchanged by what ran before.
 */
class DirectExecutorShapesTest {

    /** NCHW batch shapes, smallest first so that the arena grows twice. */
    private static final long[][] SHAPES = {{1, 3, 64, 64}, {2, 3, 64, 96}, {1, 3, 128, 96}};

    @Test
    void alternatingShapesBindOnceAndKeepTheirOutputs() {
        NetworkDefinition definition = HigherTinyFixture.network();
        List<INDArray> inputs = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            Nd4j.getRandom().setSeed(7 + i);
            inputs.add(Nd4j.rand(DataType.FLOAT, SHAPES[i]));
        }
        List<List<INDArray>> alone = new ArrayList<>();
        for (INDArray input : inputs) {
            try (InferenceNetwork fresh = network(definition)) {
                alone.add(fresh.output(input));
            }
        }
        try (InferenceNetwork network = network(definition)) {
            long largest = 0;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < SHAPES.length; i++) {
                    List<INDArray> outputs = network.output(inputs.get(i));
                    for (int o = 0; o < outputs.size(); o++) {
                        assertEquals(alone.get(i).get(o), outputs.get(o), "shape " + i + " output " + o + " round "
                                + round);
                    }
                    largest = Math.max(largest, bytesOfPlan(network, SHAPES[i]));
                }
            }
            ExecutorMemory memory = network.memory();
            assertEquals(SHAPES.length, memory.boundShapes());
            // Growing the arena drops the plans bound before: 1, then 2 (shape 0 again), then 3 at most.
            assertTrue(memory.binds() <= 6, "binds " + memory.binds());
            long bindsAfterWarmUp = memory.binds();
            for (int i = 0; i < SHAPES.length; i++) {
                network.output(inputs.get(i));
            }
            assertEquals(bindsAfterWarmUp, network.memory().binds(), "steady state binds nothing");
            assertEquals(largest, memory.bufferBytes(), "the arena is as large as the largest plan");
            long planned = 0;
            for (long[] shape : SHAPES) {
                planned = Math.max(planned, InferenceNetwork.bufferBytes(definition, (int) shape[0], (int) shape[3],
                        (int) shape[2]));
            }
            assertEquals(planned, memory.bufferBytes(), "the bytes are known from the plans before running");
        }
    }

    /** Bytes the plan of {@code shape} lays out in the arena (its last buffer's end, aligned). */
    private static long bytesOfPlan(InferenceNetwork network, long[] shape) {
        List<INDArray> buffers = ((DirectExecutor) network.executor()).buffers(shape);
        INDArray last = buffers.get(buffers.size() - 1);
        return 4 * (last.offset() + BufferArena.aligned(last.length()));
    }

    private static InferenceNetwork network(NetworkDefinition definition) {
        return InferenceNetwork.create(definition, HigherTinyFixture.weights(), "weights.npz", "config.yaml",
                ExecutionMode.DIRECT);
    }
}
