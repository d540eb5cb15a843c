package io.hrnetspark.model.seg;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.SegmentationTestConfig;
import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.image.ImageNetNormalization;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.net.NetworkDefinition;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.model.net.SegmentationNetwork;
import io.hrnetspark.model.weights.StateDict;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * HRNetV2 semantic segmentation with an official experiment: an image in, its class map at the
 * image's own size out, following the official test path of the config's dataset
 * ({@code tools/test.py}): LIP images are first resized to {@code TEST.IMAGE_SIZE} (its dataset
 * loader does so); the image is normalised, run through {@code multi_scale_inference} with
 * {@code TEST.SCALE_LIST} and {@code TEST.FLIP_TEST}, the summed probabilities are resized back to
 * the image size when they differ from it (as {@code test()} does), and each pixel takes its most
 * probable class. Load once, segment many images, close. Thread-confined: one instance per thread.
 */
public final class SemanticSegmenter implements AutoCloseable {

    /** The ImageNet statistics of the official {@code BaseDataset}, for the padding value. */
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private final SegmentationConfig config;
    private final SegmentationClasses classes;
    private final InferenceNetwork network;
    private final ImageNetNormalization normalization = new ImageNetNormalization(true);
    private final MultiScaleInference multiScale;
    private final boolean resizeInput;

    private SemanticSegmenter(SegmentationConfig config, SegmentationClasses classes, InferenceNetwork network) {
        SegmentationTestConfig test = config.test();
        boolean lip = classes == SegmentationClasses.LIP;
        this.config = config;
        this.classes = classes;
        this.network = network;
        WindowInference windowInference = new WindowInference(network, config.model().alignCorners(),
                test.flipTest(), classes.flipIndex());
        float[] padValue = new float[MEAN.length];
        for (int c = 0; c < padValue.length; c++) {
            padValue[c] = (float) (-1.0 * MEAN[c] / STD[c]);
        }
        this.multiScale = new MultiScaleInference(windowInference::probabilities,
                lip ? MultiScaleInference.Tiling.BASE : MultiScaleInference.Tiling.CITYSCAPES, test.baseSize(),
                test.imageSize().width(), test.imageSize().height(), test.scaleList(),
                config.model().alignCorners(), padValue);
        this.resizeInput = lip;
    }

    /**
     * Builds the network of {@code config} with {@code weights}.
     *
     * @param weights an official checkpoint's tensors, or {@code null} for seeded random weights
     *                (benchmarks, smoke tests)
     * @throws InvalidInputException when the weights do not fit the config's network, or the config's
     *                               dataset has no class metadata here or another number of classes
     */
    public static SemanticSegmenter create(SegmentationConfig config, StateDict weights) {
        return create(config, weights, Precision.FP32);
    }

    /**
     * As {@link #create(SegmentationConfig, StateDict)}, the network running in {@code precision}.
     *
     * @throws InvalidInputException also when bf16 is asked for on a CPU without bf16 arithmetic
     */
    public static SemanticSegmenter create(SegmentationConfig config, StateDict weights, Precision precision) {
        SegmentationClasses classes = classes(config);
        NetworkDefinition definition = new SegmentationNetwork(config);
        InferenceNetwork network = InferenceNetwork.withWeightsOrRandom(definition, weights,
                "config " + config.source(), precision);
        return new SemanticSegmenter(config, classes, network);
    }

    /** The classes of the label maps (names, colours). */
    public SegmentationClasses classes() {
        return classes;
    }

    /** The most probable class of every pixel of {@code image}, at the image's size. */
    public LabelMap segment(RgbImage image) {
        PlanarImage input;
        if (resizeInput) {
            ImageSize size = config.test().imageSize();
            try (RgbImage resized = image.resized(size.width(), size.height())) {
                input = PlanarImage.normalized(resized, normalization);
            }
        } else {
            input = PlanarImage.normalized(image, normalization);
        }
        INDArray probabilities = multiScale.probabilities(input);
        if (probabilities.size(1) != image.height() || probabilities.size(2) != image.width()) {
            INDArray atImageSize = ClassScores.resized(probabilities, image.height(), image.width(),
                    config.model().alignCorners());
            probabilities.close();
            probabilities = atImageSize;
        }
        try (INDArray scores = probabilities) {
            return ClassScores.argmax(scores);
        }
    }

    /** Frees the network's native memory. */
    @Override
    public void close() {
        network.close();
    }

    private static SegmentationClasses classes(SegmentationConfig config) {
        String dataset = config.dataset().dataset();
        SegmentationClasses classes;
        try {
            classes = SegmentationClasses.byName(dataset);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Config " + config.source() + " has DATASET.DATASET '" + dataset
                    + "', whose official test path is not implemented here: use cityscapes or lip.", e);
        }
        if (classes.numClasses() != config.numClasses()) {
            throw new InvalidInputException("Config " + config.source() + " has DATASET.NUM_CLASSES "
                    + config.numClasses() + " but dataset " + dataset + " has " + classes.numClasses()
                    + " classes: make them agree.");
        }
        return classes;
    }
}
