package io.hrnetspark.model.seg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The official {@code multi_scale_inference}: for each scale of {@code TEST.SCALE_LIST} the image is
 * resized so that its long side is {@code BASE_SIZE * scale}, inferred whole or in overlapping
 * {@code TEST.IMAGE_SIZE} windows whose probabilities are averaged, and the probabilities are resized
 * back to the image size and summed over scales. The two official variants differ in when and how
 * they tile ({@link Tiling}).
 */
final class MultiScaleInference {

    /** How an image is cut into network inputs at one scale. */
    enum Tiling {
        /**
         * {@code cityscapes.py}: scales up to 1 run on the whole image; larger ones in windows of the
         * crop size with a stride of the crop size, the last row and column shifted back to end at
         * the image border.
         */
        CITYSCAPES,
        /**
         * {@code base_dataset.py} (LIP and the other datasets): an image that fits in the crop is padded
         * to it and run whole; a larger one is padded up to the crop size if needed and run in windows
         * with a stride of two thirds of the crop, the windows at the border padded to the crop size.
         */
        BASE
    }

    /** One network input of a scale: rows {@code [y0, y1)}, columns {@code [x0, x1)} of the resized image. */
    record Window(int x0, int y0, int x1, int y1) {
    }

    private final Function<PlanarImage, INDArray> inference;
    private final Tiling tiling;
    private final int baseSize;
    private final int cropWidth;
    private final int cropHeight;
    private final List<Double> scales;
    private final boolean alignCorners;
    /** {@code -mean / std}: a black pixel after normalisation, the official padding value. */
    private final float[] padValue;

    /**
     * @param inference a network input's class probabilities, channels-last at its size (the official
     *                  {@code inference()}, {@link WindowInference#probabilities})
     */
    MultiScaleInference(Function<PlanarImage, INDArray> inference, Tiling tiling, int baseSize, int cropWidth, int cropHeight,
                        List<Double> scales, boolean alignCorners, float[] padValue) {
        this.inference = inference;
        this.tiling = tiling;
        this.baseSize = baseSize;
        this.cropWidth = cropWidth;
        this.cropHeight = cropHeight;
        this.scales = List.copyOf(scales);
        this.alignCorners = alignCorners;
        this.padValue = padValue.clone();
    }

    /** The summed class probabilities of {@code image}, channels-last at its size. */
    INDArray probabilities(PlanarImage image) {
        INDArray total = null;
        for (double scale : scales) {
            PlanarImage scaled = scaledImage(image, scale);
            INDArray probabilities = tiling == Tiling.CITYSCAPES && scale <= 1.0
                    ? inference.apply(scaled)
                    : tiled(scaled);
            INDArray atImageSize = probabilities.size(1) == image.height() && probabilities.size(2) == image.width()
                    ? probabilities
                    : ClassScores.resized(probabilities, image.height(), image.width(), alignCorners);
            if (total == null) {
                total = atImageSize;
            } else {
                total.addi(atImageSize);
                atImageSize.close();
            }
            if (atImageSize != probabilities) {
                probabilities.close();
            }
        }
        return total;
    }

    /** {@code multi_scale_aug}: the long side becomes {@code int(BASE_SIZE * scale + 0.5)}. */
    PlanarImage scaledImage(PlanarImage image, double scale) {
        int longSize = (int) (baseSize * scale + 0.5);
        int h = image.height();
        int w = image.width();
        return h > w
                ? image.resized((int) ((double) w * longSize / h + 0.5), longSize)
                : image.resized(longSize, (int) ((double) h * longSize / w + 0.5));
    }

    private INDArray tiled(PlanarImage image) {
        int height = image.height();
        int width = image.width();
        if (tiling == Tiling.BASE && Math.max(height, width) <= Math.min(cropHeight, cropWidth)) {
            INDArray whole = inference.apply(image.padded(cropWidth, cropHeight, padValue));
            return crop(whole, 0, 0, width, height);
        }
        PlanarImage padded = tiling == Tiling.BASE ? image.padded(cropWidth, cropHeight, padValue) : image;
        INDArray sum = null;
        INDArray count = Nd4j.zeros(DataType.FLOAT, 1, padded.height(), padded.width(), 1);
        for (Window window : windows(padded.width(), padded.height())) {
            PlanarImage input = padded.cropped(window.x0(), window.y0(), window.x1(), window.y1());
            if (tiling == Tiling.BASE && (window.y1() == padded.height() || window.x1() == padded.width())) {
                input = input.padded(cropWidth, cropHeight, padValue);
            }
            INDArray probabilities = inference.apply(input);
            if (sum == null) {
                sum = Nd4j.zeros(DataType.FLOAT, 1, padded.height(), padded.width(), probabilities.size(3));
            }
            int w = window.x1() - window.x0();
            int h = window.y1() - window.y0();
            region(sum, window).addi(region(probabilities, new Window(0, 0, w, h)));
            region(count, window).addi(1.0);
            probabilities.close();
        }
        Nd4j.exec(new DivOp(new INDArray[] {sum, count}, new INDArray[] {sum}));
        count.close();
        return crop(sum, 0, 0, width, height);
    }

    /** The windows of the tiling over an image of {@code width} x {@code height} (after any padding). */
    List<Window> windows(int width, int height) {
        int strideH = tiling == Tiling.CITYSCAPES ? cropHeight : (int) (cropHeight * 2.0 / 3.0);
        int strideW = tiling == Tiling.CITYSCAPES ? cropWidth : (int) (cropWidth * 2.0 / 3.0);
        int rows = (int) Math.ceil((double) (height - cropHeight) / strideH) + 1;
        int cols = (int) Math.ceil((double) (width - cropWidth) / strideW) + 1;
        List<Window> windows = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int y0 = r * strideH;
                int x0 = c * strideW;
                int y1 = Math.min(y0 + cropHeight, height);
                int x1 = Math.min(x0 + cropWidth, width);
                if (tiling == Tiling.CITYSCAPES) {
                    y0 = Math.max(y1 - cropHeight, 0);
                    x0 = Math.max(x1 - cropWidth, 0);
                }
                windows.add(new Window(x0, y0, x1, y1));
            }
        }
        return windows;
    }

    private static INDArray region(INDArray scores, Window window) {
        INDArrayIndex[] index = {NDArrayIndex.all(), NDArrayIndex.interval(window.y0(), window.y1()),
            NDArrayIndex.interval(window.x0(), window.x1()), NDArrayIndex.all()};
        return scores.get(index);
    }

    private static INDArray crop(INDArray scores, int x0, int y0, int x1, int y1) {
        if (y0 == 0 && x0 == 0 && scores.size(1) == y1 && scores.size(2) == x1) {
            return scores;
        }
        return region(scores, new Window(x0, y0, x1, y1)).dup('c');
    }
}
