package io.hrnetspark.model.seg;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Operations on per-class score maps held channels-last ({@code [1, H, W, classes]}, float32), the
 * layout ND4J's bilinear resize works in and in which each pixel's class scores are contiguous.
 */
final class ClassScores {

    private ClassScores() {
    }

    /** A channels-last copy of NCHW network output {@code [1, classes, h, w]}. */
    static INDArray channelsLast(INDArray nchw) {
        return nchw.permute(0, 2, 3, 1).dup('c');
    }

    /**
     * {@code F.interpolate(scores, size=(height, width), mode='bilinear', align_corners=alignCorners)}
     * as a new array ({@code align_corners=False} is half-pixel-centre sampling).
     */
    static INDArray resized(INDArray scores, int height, int width, boolean alignCorners) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 1, height, width, scores.size(3));
        Nd4j.exec(new ResizeBilinear(scores, out, height, width, alignCorners, !alignCorners));
        return out;
    }

    /** The class of the highest score at each pixel, the first on ties ({@code np.argmax}), row-major. */
    static LabelMap argmax(INDArray scores) {
        int height = (int) scores.size(1);
        int width = (int) scores.size(2);
        int classes = (int) scores.size(3);
        INDArray contiguous = scores.ordering() == 'c' && !scores.isView() ? scores : scores.dup('c');
        FloatBuffer values = contiguous.data().asNioFloat();
        byte[] labels = new byte[height * width];
        for (int p = 0; p < labels.length; p++) {
            int base = p * classes;
            int best = 0;
            float bestValue = values.get(base);
            for (int c = 1; c < classes; c++) {
                float value = values.get(base + c);
                if (value > bestValue) {
                    bestValue = value;
                    best = c;
                }
            }
            labels[p] = (byte) best;
        }
        return new LabelMap(width, height, labels);
    }
}
