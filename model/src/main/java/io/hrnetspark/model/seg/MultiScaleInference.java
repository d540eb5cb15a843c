package io.hrnetspark.model.seg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
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
 * they tile ({@link Tiling}). Split in two so that the network runs in between, batched with other
 * images: {@link #inputs} cuts the network inputs, {@link #combine} puts their probabilities together.
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

    /** How one scale is run. */
    enum Run {
        /** The scaled image as one input. */
        WHOLE,
        /** The scaled image padded to the crop size as one input, its result cropped back. */
        PADDED,
        /** Windows of the (padded) image, their results averaged where they overlap. */
        WINDOWS
    }

    /**
     * The inputs of one scale: the scaled image's size, how it runs, the size of the image the
     * windows tile (after padding) and the windows.
     */
    record ScaleLayout(double scale, int width, int height, Run run, int tiledWidth, int tiledHeight,
                       List<Window> windows) {

        int inputs() {
            return run == Run.WINDOWS ? windows.size() : 1;
        }
    }

    private final Tiling tiling;
    private final int baseSize;
    private final int cropWidth;
    private final int cropHeight;
    private final List<Double> scales;
    private final boolean alignCorners;
    /** {@code -mean / std}: a black pixel after normalisation, the official padding value. */
    private final float[] padValue;

    MultiScaleInference(Tiling tiling, int baseSize, int cropWidth, int cropHeight, List<Double> scales,
                        boolean alignCorners, float[] padValue) {
        this.tiling = tiling;
        this.baseSize = baseSize;
        this.cropWidth = cropWidth;
        this.cropHeight = cropHeight;
        this.scales = List.copyOf(scales);
        this.alignCorners = alignCorners;
        this.padValue = padValue.clone();
    }

    /** The scales of a {@code width x height} image, in {@code TEST.SCALE_LIST} order. */
    List<ScaleLayout> layout(int width, int height) {
        List<ScaleLayout> layouts = new ArrayList<>(scales.size());
        for (double scale : scales) {
            int[] size = scaledSize(width, height, scale);
            int w = size[0];
            int h = size[1];
            if (tiling == Tiling.CITYSCAPES && scale <= 1.0) {
                layouts.add(new ScaleLayout(scale, w, h, Run.WHOLE, w, h, List.of()));
            } else if (tiling == Tiling.BASE && Math.max(h, w) <= Math.min(cropHeight, cropWidth)) {
                layouts.add(new ScaleLayout(scale, w, h, Run.PADDED, Math.max(w, cropWidth), Math.max(h, cropHeight),
                        List.of()));
            } else {
                int tiledWidth = tiling == Tiling.BASE ? Math.max(w, cropWidth) : w;
                int tiledHeight = tiling == Tiling.BASE ? Math.max(h, cropHeight) : h;
                layouts.add(new ScaleLayout(scale, w, h, Run.WINDOWS, tiledWidth, tiledHeight,
                        windows(tiledWidth, tiledHeight)));
            }
        }
        return layouts;
    }

    /** The network inputs of {@code image}: per scale, the whole (padded) image or its windows, in order. */
    List<PlanarImage> inputs(PlanarImage image) {
        List<PlanarImage> inputs = new ArrayList<>();
        for (ScaleLayout layout : layout(image.width(), image.height())) {
            PlanarImage scaled = scaledImage(image, layout.scale());
            switch (layout.run()) {
                case WHOLE -> inputs.add(scaled);
                case PADDED -> inputs.add(scaled.padded(cropWidth, cropHeight, padValue));
                case WINDOWS -> {
                    PlanarImage tiled = tiling == Tiling.BASE ? scaled.padded(cropWidth, cropHeight, padValue) : scaled;
                    for (Window window : layout.windows()) {
                        PlanarImage input = tiled.cropped(window.x0(), window.y0(), window.x1(), window.y1());
                        if (tiling == Tiling.BASE && (window.y1() == tiled.height() || window.x1() == tiled.width())) {
                            input = input.padded(cropWidth, cropHeight, padValue);
                        }
                        inputs.add(input);
                    }
                }
            }
        }
        return inputs;
    }

    /**
     * The summed class probabilities of a {@code width x height} image, channels-last at its size,
     * from the probabilities of its {@link #inputs} (channels-last at each input's size, the official
     * {@code inference()}): {@code probabilities} is asked for each input once, in order, and its
     * array is closed here once used.
     */
    INDArray combine(int width, int height, IntFunction<INDArray> probabilities) {
        INDArray total = null;
        int next = 0;
        for (ScaleLayout layout : layout(width, height)) {
            INDArray atScale = switch (layout.run()) {
                case WHOLE -> probabilities.apply(next++);
                case PADDED -> croppedAndClosed(probabilities.apply(next++), layout.width(), layout.height());
                case WINDOWS -> {
                    INDArray sum = null;
                    INDArray count = Nd4j.zeros(DataType.FLOAT, 1, layout.tiledHeight(), layout.tiledWidth(), 1);
                    for (Window window : layout.windows()) {
                        INDArray windowProbabilities = probabilities.apply(next++);
                        if (sum == null) {
                            sum = Nd4j.zeros(DataType.FLOAT, 1, layout.tiledHeight(), layout.tiledWidth(),
                                    windowProbabilities.size(3));
                        }
                        int w = window.x1() - window.x0();
                        int h = window.y1() - window.y0();
                        region(sum, window).addi(region(windowProbabilities, new Window(0, 0, w, h)));
                        region(count, window).addi(1.0);
                        windowProbabilities.close();
                    }
                    Nd4j.exec(new DivOp(new INDArray[] {sum, count}, new INDArray[] {sum}));
                    count.close();
                    yield croppedAndClosed(sum, layout.width(), layout.height());
                }
            };
            INDArray atImageSize = atScale.size(1) == height && atScale.size(2) == width
                    ? atScale
                    : ClassScores.resized(atScale, height, width, alignCorners);
            if (atImageSize != atScale) {
                atScale.close();
            }
            if (total == null) {
                total = atImageSize;
            } else {
                total.addi(atImageSize);
                atImageSize.close();
            }
        }
        return total;
    }

    /** {@code multi_scale_aug}: the long side becomes {@code int(BASE_SIZE * scale + 0.5)}. */
    PlanarImage scaledImage(PlanarImage image, double scale) {
        int[] size = scaledSize(image.width(), image.height(), scale);
        return image.resized(size[0], size[1]);
    }

    private int[] scaledSize(int w, int h, double scale) {
        int longSize = (int) (baseSize * scale + 0.5);
        return h > w
                ? new int[] {(int) ((double) w * longSize / h + 0.5), longSize}
                : new int[] {longSize, (int) ((double) h * longSize / w + 0.5)};
    }

    /** The top-left {@code width x height} of {@code scores}; {@code scores} itself is closed when it is cut. */
    private static INDArray croppedAndClosed(INDArray scores, int width, int height) {
        INDArray cropped = crop(scores, 0, 0, width, height);
        if (cropped != scores) {
            scores.close();
        }
        return cropped;
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
