package io.hrnetspark.model.net;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded random weights for a layout, for benchmarks and tests: convolution weights
 * N(0, 2/fan_in), biases 0, BatchNorm weight 1 and bias 0, running mean 0 and variance 1, so
 * activations stay of order 1 through the network.
 */
public final class RandomWeights {

    private RandomWeights() {
    }

    public static Map<String, INDArray> of(ParameterLayout layout, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        Map<String, INDArray> weights = new LinkedHashMap<>();
        for (ParameterEntry entry : layout.entries()) {
            long[] shape = entry.shape();
            String key = entry.key();
            INDArray array;
            if (entry.kind() == ParameterEntry.Kind.BATCH_COUNTER) {
                array = Nd4j.scalar(0L);
            } else if (shape.length == 4) {
                double fanIn = (double) shape[1] * shape[2] * shape[3];
                array = Nd4j.createUninitialized(DataType.FLOAT, shape);
                Nd4j.getExecutioner().exec(new GaussianDistribution(array, 0, Math.sqrt(2 / fanIn)), random);
            } else if (key.endsWith(".running_var") || key.endsWith(".weight")) {
                array = Nd4j.ones(DataType.FLOAT, shape);
            } else {
                array = Nd4j.zeros(DataType.FLOAT, shape);
            }
            weights.put(key, array);
        }
        return weights;
    }
}
