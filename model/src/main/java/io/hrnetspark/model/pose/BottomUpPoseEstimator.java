package io.hrnetspark.model.pose;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.BottomUpTestConfig;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.image.AffineCrop;
import io.hrnetspark.model.image.ImageNetNormalization;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.HigherHrnetNetwork;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.net.NetworkDefinition;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.model.pose.bottomup.AssociativeEmbeddingParser;
import io.hrnetspark.model.pose.bottomup.GroupedPeople;
import io.hrnetspark.model.pose.bottomup.GroupingSettings;
import io.hrnetspark.model.pose.bottomup.HeatmapTagAggregator;
import io.hrnetspark.model.pose.bottomup.JointMaps;
import io.hrnetspark.model.pose.bottomup.ScaledInput;
import io.hrnetspark.model.weights.StateDict;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bottom-up pose estimation with an official HigherHRNet experiment: an image in, every person's
 * keypoints in image pixels out, equal to the official single- and multi-scale test path
 * ({@code tools/valid.py}: resize, normalise, network with flip test, aggregate the maps, group by
 * associative embedding, map back). Load once, estimate many images, close. Thread-confined: use
 * one instance per thread.
 */
public final class BottomUpPoseEstimator implements AutoCloseable {

    private static final int INPUT_MULTIPLE = 32;

    private final BottomUpPoseConfig config;
    private final KeypointSpec keypointSpec;
    private final InferenceNetwork network;
    private final ImageNetNormalization normalization;
    private final HeatmapTagAggregator aggregator;
    private final AssociativeEmbeddingParser parser;

    private BottomUpPoseEstimator(BottomUpPoseConfig config, KeypointSpec keypointSpec, InferenceNetwork network,
                                  boolean flipTest) {
        this.config = config;
        this.keypointSpec = keypointSpec;
        this.network = network;
        this.normalization = new ImageNetNormalization(config.dataset().colorRgb());
        this.aggregator = new HeatmapTagAggregator(config, flipTest ? keypointSpec.flipIndex() : null);
        this.parser = new AssociativeEmbeddingParser(GroupingSettings.of(config));
    }

    /**
     * Builds the network of {@code config} with {@code weights}.
     *
     * @param weights  an official checkpoint's tensors, or {@code null} for seeded random weights
     *                 (benchmarks, smoke tests)
     * @param flipTest also run the mirrored image and average (the official {@code TEST.FLIP_TEST})
     * @throws InvalidInputException when the weights do not fit the config's network, or the config's
     *                               dataset has no keypoint metadata matching {@code NUM_JOINTS}
     */
    public static BottomUpPoseEstimator create(BottomUpPoseConfig config, StateDict weights, boolean flipTest) {
        return create(config, weights, flipTest, Precision.FP32);
    }

    /**
     * As {@link #create(BottomUpPoseConfig, StateDict, boolean)}, the network running in {@code precision}.
     *
     * @throws InvalidInputException also when bf16 is asked for on a CPU without bf16 arithmetic
     */
    public static BottomUpPoseEstimator create(BottomUpPoseConfig config, StateDict weights, boolean flipTest,
                                               Precision precision) {
        KeypointSpec spec = keypointSpec(config);
        NetworkDefinition definition = new HigherHrnetNetwork(config);
        InferenceNetwork network = InferenceNetwork.withWeightsOrRandom(definition, weights,
                "config " + config.source(), precision);
        return new BottomUpPoseEstimator(config, spec, network, flipTest);
    }

    /** The keypoints this estimator outputs (names, flip pairs, OKS sigmas). */
    public KeypointSpec keypointSpec() {
        return keypointSpec;
    }

    /** The people in {@code image}, in the order the grouping created them. */
    public List<BottomUpPose> estimate(RgbImage image) {
        GroupedPeople grouped = group(image);
        List<BottomUpPose> poses = new ArrayList<>(grouped.size());
        float[] scores = grouped.scores();
        for (int p = 0; p < grouped.size(); p++) {
            float[][] person = grouped.people().get(p);
            float[][] keypoints = new float[person.length][];
            for (int j = 0; j < person.length; j++) {
                keypoints[j] = new float[] {person[j][0], person[j][1], person[j][2]};
            }
            poses.add(new BottomUpPose(keypoints, scores[p]));
        }
        return poses;
    }

    /**
     * The grouping result mapped to image pixels: per person all columns of the official parser
     * ([x, y, value, tag...]) and the scores, as {@code get_final_preds} returns them.
     */
    public GroupedPeople group(RgbImage image) {
        BottomUpTestConfig test = config.test();
        int inputSize = config.data().inputSize();
        double minScale = test.minScale();
        ScaledInput base = ScaledInput.of(image.width(), image.height(), inputSize, 1.0, minScale);
        HeatmapTagAggregator.Accumulator maps = aggregator.accumulator();
        ScaledInput last = null;
        for (double scale : test.scaleFactors().stream().sorted(Comparator.reverseOrder()).toList()) {
            last = ScaledInput.of(image.width(), image.height(), inputSize, scale, minScale);
            float[] chw = resized(image, last, scale);
            List<INDArray> outputs = output(chw, last);
            List<INDArray> mirrored = aggregator.flipTest()
                    ? output(FlipTest.mirrorWidth(chw, last.height(), last.width()), last) : null;
            maps.add(scale, aggregator.stageMaps(outputs, mirrored, base.width(), base.height()));
        }
        JointMaps heatmaps = maps.heatmaps();
        GroupedPeople grouped = parser.parse(heatmaps, maps.tags(), test.adjust(), test.refine());
        return grouped.mapped(last.mapToImage(heatmaps.width(), heatmaps.height()));
    }

    /** Frees the network's native memory. */
    @Override
    public void close() {
        network.close();
    }

    /** {@code resize_align_multi_scale} and normalisation: the network input of one scale, CHW. */
    private float[] resized(RgbImage image, ScaledInput input, double scale) {
        if (input.width() % INPUT_MULTIPLE != 0 || input.height() % INPUT_MULTIPLE != 0) {
            throw new InvalidInputException("Config " + config.source() + ": TEST.SCALE_FACTOR " + scale
                    + " resizes a " + image.width() + "x" + image.height() + " image to " + input.width() + "x"
                    + input.height() + ", but the network needs multiples of 32: use scale factors such as [1] or "
                    + "[2, 1, 0.5].");
        }
        float[] chw = new float[ImageNetNormalization.floatsPerImage(input.width(), input.height())];
        try (RgbImage resized = new AffineCrop(input.width(), input.height()).warp(image, input.imageToInput())) {
            normalization.writeChw(resized, FloatBuffer.wrap(chw), 0);
        }
        return chw;
    }

    private List<INDArray> output(float[] chw, ScaledInput input) {
        try (INDArray batch = Nd4j.create(chw, new long[] {1, 3, input.height(), input.width()}, 'c')) {
            return network.output(batch);
        }
    }

    private static KeypointSpec keypointSpec(BottomUpPoseConfig config) {
        String dataset = config.data().name();
        KeypointSpec spec;
        // The official flip index is chosen by substring: 'coco' in the name, else 'crowd_pose'.
        if (dataset.contains("coco")) {
            spec = KeypointSpec.COCO;
        } else if (dataset.contains("crowd_pose")) {
            spec = KeypointSpec.CROWDPOSE;
        } else {
            throw new InvalidInputException("Config " + config.source() + " has DATASET.DATASET '" + dataset
                    + "', which has no keypoint metadata here: use a coco or crowd_pose dataset.");
        }
        if (spec.numKeypoints() != config.model().numJoints()) {
            throw new InvalidInputException("Config " + config.source() + " has MODEL.NUM_JOINTS "
                    + config.model().numJoints() + " but dataset " + dataset + " has " + spec.numKeypoints()
                    + " keypoints: make them agree.");
        }
        return spec;
    }
}
