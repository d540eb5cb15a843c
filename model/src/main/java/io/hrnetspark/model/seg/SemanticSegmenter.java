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
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.predict.NetworkSample;
import io.hrnetspark.model.predict.NetworkStats;
import io.hrnetspark.model.predict.PreparedInput;
import io.hrnetspark.model.predict.SampleOutput;
import io.hrnetspark.model.predict.SharedNetwork;
import io.hrnetspark.model.weights.StateDict;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * HRNetV2 semantic segmentation with an official experiment: an image in, its class map at the
 * image's own size out, following the official test path of the config's dataset
 * ({@code tools/test.py}): LIP images are first resized to {@code TEST.IMAGE_SIZE} (its dataset
 * loader does so); the image is normalised, run through {@code multi_scale_inference} with
 * {@code TEST.SCALE_LIST} and {@code TEST.FLIP_TEST}, the summed probabilities are resized back to
 * the image size when they differ from it (as {@code test()} does), and each pixel takes its most
 * probable class. Load once, segment many images, close; the thread contract is
 * {@link BatchPredictor}'s. An image's samples are its inputs at each scale (whole or windows), each
 * followed by its mirror image with the flip test; equal-size inputs of several images can share
 * forward passes.
 */
public final class SemanticSegmenter implements BatchPredictor<RgbImage, LabelMap> {

    /** The ImageNet statistics of the official {@code BaseDataset}, for the padding value. */
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private final SegmentationConfig config;
    private final SegmentationClasses classes;
    private final SharedNetwork network;
    private final ImageNetNormalization normalization = new ImageNetNormalization(true);
    private final WindowInference windowInference;
    private final MultiScaleInference multiScale;
    private final boolean resizeInput;

    private SemanticSegmenter(SegmentationConfig config, SegmentationClasses classes, InferenceNetwork network) {
        SegmentationTestConfig test = config.test();
        boolean lip = classes == SegmentationClasses.LIP;
        this.config = config;
        this.classes = classes;
        this.network = new SharedNetwork(network);
        this.windowInference = new WindowInference(config.model().alignCorners(), test.flipTest(),
                classes.flipIndex());
        float[] padValue = new float[MEAN.length];
        for (int c = 0; c < padValue.length; c++) {
            padValue[c] = (float) (-1.0 * MEAN[c] / STD[c]);
        }
        this.multiScale = new MultiScaleInference(lip ? MultiScaleInference.Tiling.BASE : MultiScaleInference.Tiling.CITYSCAPES, test.baseSize(),
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
        return predict(image);
    }

    /**
     * The network inputs of {@code image} (each followed by its mirror image with the flip test);
     * decoding gives the label map at the image's size.
     */
    @Override
    public PreparedInput<LabelMap> prepare(RgbImage image) {
        PlanarImage input;
        if (resizeInput) {
            ImageSize size = config.test().imageSize();
            try (RgbImage resized = image.resized(size.width(), size.height())) {
                input = PlanarImage.normalized(resized, normalization);
            }
        } else {
            input = PlanarImage.normalized(image, normalization);
        }
        List<NetworkSample> samples = new ArrayList<>();
        for (PlanarImage window : multiScale.inputs(input)) {
            NetworkSample sample = new NetworkSample(window.width(), window.height(), window.chw());
            samples.add(sample);
            if (windowInference.flipTest()) {
                samples.add(sample.mirrored());
            }
        }
        return new PreparedWindows(image.width(), image.height(), input.width(), input.height(), samples);
    }

    @Override
    public List<SampleOutput> forward(List<NetworkSample> batch) {
        return network.forward(batch);
    }

    /** One input and, with the flip test, its mirror image, as the official test runs it. */
    @Override
    public int defaultBatchSize() {
        return windowInference.flipTest() ? 2 : 1;
    }

    @Override
    public NetworkStats networkStats() {
        return network.stats();
    }

    /** Frees the network's native memory once a running batch is done. */
    @Override
    public void close() {
        network.close();
    }

    /** One image's inputs; decoding needs their sizes, the image's and the network input's. */
    private final class PreparedWindows implements PreparedInput<LabelMap> {

        private final int imageWidth;
        private final int imageHeight;
        private final int inputWidth;
        private final int inputHeight;
        private final List<NetworkSample> samples;

        PreparedWindows(int imageWidth, int imageHeight, int inputWidth, int inputHeight,
                        List<NetworkSample> samples) {
            this.imageWidth = imageWidth;
            this.imageHeight = imageHeight;
            this.inputWidth = inputWidth;
            this.inputHeight = inputHeight;
            this.samples = List.copyOf(samples);
        }

        @Override
        public List<NetworkSample> samples() {
            return samples;
        }

        @Override
        public LabelMap decode(List<SampleOutput> outputs) {
            int perInput = windowInference.flipTest() ? 2 : 1;
            if (outputs.size() != samples.size()) {
                throw new IllegalArgumentException(outputs.size() + " outputs for " + samples.size() + " samples");
            }
            INDArray probabilities = multiScale.combine(inputWidth, inputHeight, i -> {
                NetworkSample window = samples.get(i * perInput);
                INDArray mirrored = perInput == 2 ? outputs.get(i * perInput + 1).map(0) : null;
                return windowInference.probabilities(outputs.get(i * perInput).map(0), mirrored, window.width(),
                        window.height());
            });
            if (probabilities.size(1) != imageHeight || probabilities.size(2) != imageWidth) {
                INDArray atImageSize = ClassScores.resized(probabilities, imageHeight, imageWidth,
                        config.model().alignCorners());
                probabilities.close();
                probabilities = atImageSize;
            }
            try (INDArray scores = probabilities) {
                return ClassScores.argmax(scores);
            }
        }
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
