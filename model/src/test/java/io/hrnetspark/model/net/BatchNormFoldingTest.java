package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormFoldingTest {

    @Test
    void foldScalesEachOutputChannelAndShiftsTheBias() {
        // Two output channels, one input channel, 1x2 kernels.
        INDArray weight = Nd4j.createFromArray(new float[] {1f, -2f, 0.5f, 4f}).reshape(2, 1, 1, 2);
        INDArray gamma = Nd4j.createFromArray(2f, 0.5f);
        INDArray beta = Nd4j.createFromArray(0.25f, -1f);
        INDArray mean = Nd4j.createFromArray(3f, -2f);
        INDArray variance = Nd4j.createFromArray(4f, 0.0625f);
        INDArray weightBefore = weight.dup();

        BatchNormFolding.FoldedConvolution folded = BatchNormFolding.fold(weight, gamma, beta, mean, variance);

        double s0 = 2 / Math.sqrt(4 + 1e-5);
        double s1 = 0.5 / Math.sqrt(0.0625 + 1e-5);
        assertEquals(DataType.FLOAT, folded.weight().dataType());
        assertArrayEquals(new long[] {2, 1, 1, 2}, folded.weight().shape());
        assertArrayEquals(new float[] {(float) s0, (float) (-2 * s0), (float) (0.5 * s1), (float) (4 * s1)},
                folded.weight().reshape(4).toFloatVector(), 0f);
        assertArrayEquals(new float[] {(float) (0.25 - 3 * s0), (float) (-1 + 2 * s1)},
                folded.bias().toFloatVector(), 0f);
        assertEquals(weightBefore, weight);
    }

    @Test
    void convolutionBiasIsShiftedAndScaledWithTheMean() {
        INDArray weight = Nd4j.createFromArray(new float[] {1f, -2f}).reshape(2, 1, 1, 1);
        INDArray bias = Nd4j.createFromArray(0.5f, -3f);
        INDArray gamma = Nd4j.createFromArray(2f, 0.5f);
        INDArray beta = Nd4j.createFromArray(0.25f, -1f);
        INDArray mean = Nd4j.createFromArray(3f, -2f);
        INDArray variance = Nd4j.createFromArray(4f, 0.0625f);

        BatchNormFolding.FoldedConvolution folded = BatchNormFolding.fold(weight, bias, gamma, beta, mean, variance);

        double s0 = 2 / Math.sqrt(4 + 1e-5);
        double s1 = 0.5 / Math.sqrt(0.0625 + 1e-5);
        assertArrayEquals(new float[] {(float) s0, (float) (-2 * s1)}, folded.weight().reshape(2).toFloatVector(), 0f);
        assertArrayEquals(new float[] {(float) (0.25 + (0.5 - 3) * s0), (float) (-1 + (-3 + 2) * s1)},
                folded.bias().toFloatVector(), 0f);
    }
}
