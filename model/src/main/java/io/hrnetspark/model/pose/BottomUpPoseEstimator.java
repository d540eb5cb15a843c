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
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.predict.NetworkSample;
import io.hrnetspark.model.predict.NetworkStats;
import io.hrnetspark.model.predict.PreparedInput;
import io.hrnetspark.model.predict.SampleOutput;
import io.hrnetspark.model.predict.SharedNetwork;
import io.hrnetspark.model.predict.StreamBatcher;
import io.hrnetspark.model.weights.StateDict;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bottom-up pose estimation with an official HigherHRNet experiment: an image in, every person's
 * keypoints in image pixels out, equal to the official single- and multi-scale test path
 * ({@code tools/valid.py}: resize, normalise, network with flip test, aggregate the maps, group by
 * associative embedding, map back). Load once, estimate many images, close; the thread contract is
 * {@link BatchPredictor}'s. An image's samples are its input at each test scale, each followed by its
 * mirror image with the flip test; images whose resized inputs have the same size can share forward
 * passes (the official code runs one image at a time), with the same result.
 */
public final class BottomUpPoseEstimator implements BatchPredictor<RgbImage, List<BottomUpPose>> {

    private static final int INPUT_MULTIPLE = 32;

    private final BottomUpPoseConfig config;
    private final KeypointSpec keypointSpec;
    private final SharedNetwork network;
    private final ImageNetNormalization normalization;
    private final HeatmapTagAggregator aggregator;
    private final AssociativeEmbeddingParser parser;

    private BottomUpPoseEstimator(BottomUpPoseConfig config, KeypointSpec keypointSpec, InferenceNetwork network,
                                  boolean flipTest) {
        this.config = config;
        this.keypointSpec = keypointSpec;
        this.network = new SharedNetwork(network);
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

    /**
     * The network inputs of {@code image} at each of {@code TEST.SCALE_FACTOR}, largest first (each
     * followed by its mirror image with the flip test); decoding gives the people in the order the
     * grouping created them.
     *
     * @throws InvalidInputException when a scale factor gives an input size that is not a multiple of 32
     */
    @Override
    public PreparedInput<List<BottomUpPose>> prepare(RgbImage image) {
        return prepareScales(image);
    }

    @Override
    public List<SampleOutput> forward(List<NetworkSample> batch) {
        return network.forward(batch);
    }

    /** One image: its input and, with the flip test, its mirror image, as the official test runs it. */
    @Override
    public int defaultBatchSize() {
        return aggregator.flipTest() ? 2 : 1;
    }

    @Override
    public NetworkStats networkStats() {
        return network.stats();
    }

    /** The people in {@code image}, in the order the grouping created them. */
    public List<BottomUpPose> estimate(RgbImage image) {
        return predict(image);
    }

    /**
     * The grouping result mapped to image pixels: per person all columns of the official parser
     * ([x, y, value, tag...]) and the scores, as {@code get_final_preds} returns them.
     */
    public GroupedPeople group(RgbImage image) {
        PreparedScales prepared = prepareScales(image);
        return StreamBatcher.predictOne(this, new PreparedInput<GroupedPeople>() {
            @Override
            public List<NetworkSample> samples() {
                return prepared.samples();
            }

            @Override
            public GroupedPeople decode(List<SampleOutput> outputs) {
                return prepared.group(outputs);
            }
        }, defaultBatchSize());
    }

    /** Frees the network's native memory once a running batch is done. */
    @Override
    public void close() {
        network.close();
    }

    private PreparedScales prepareScales(RgbImage image) {
        BottomUpTestConfig test = config.test();
        int inputSize = config.data().inputSize();
        double minScale = test.minScale();
        ScaledInput base = ScaledInput.of(image.width(), image.height(), inputSize, 1.0, minScale);
        List<Double> scales = test.scaleFactors().stream().sorted(Comparator.reverseOrder()).toList();
        List<ScaledInput> inputs = new ArrayList<>(scales.size());
        List<NetworkSample> samples = new ArrayList<>();
        for (double scale : scales) {
            ScaledInput input = ScaledInput.of(image.width(), image.height(), inputSize, scale, minScale);
            float[] chw = resized(image, input, scale);
            inputs.add(input);
            NetworkSample sample = new NetworkSample(input.width(), input.height(), chw);
            samples.add(sample);
            if (aggregator.flipTest()) {
                samples.add(sample.mirrored());
            }
        }
        return new PreparedScales(scales, inputs, base, samples);
    }

    /** One image's inputs per scale and what mapping the grouping back to the image needs. */
    private final class PreparedScales implements PreparedInput<List<BottomUpPose>> {

        private final List<Double> scales;
        private final List<ScaledInput> inputs;
        private final ScaledInput base;
        private final List<NetworkSample> samples;

        PreparedScales(List<Double> scales, List<ScaledInput> inputs, ScaledInput base, List<NetworkSample> samples) {
            this.scales = scales;
            this.inputs = inputs;
            this.base = base;
            this.samples = List.copyOf(samples);
        }

        @Override
        public List<NetworkSample> samples() {
            return samples;
        }

        @Override
        public List<BottomUpPose> decode(List<SampleOutput> outputs) {
            return poses(group(outputs));
        }

        /** {@code aggregate_results} over the scales, {@code HeatmapParser.parse}, {@code get_final_preds}. */
        GroupedPeople group(List<SampleOutput> outputs) {
            int perScale = aggregator.flipTest() ? 2 : 1;
            if (outputs.size() != scales.size() * perScale) {
                throw new IllegalArgumentException(outputs.size() + " outputs for " + scales.size() + " scales");
            }
            HeatmapTagAggregator.Accumulator maps = aggregator.accumulator();
            for (int s = 0; s < scales.size(); s++) {
                List<INDArray> plain = outputs.get(s * perScale).maps();
                List<INDArray> mirrored = aggregator.flipTest() ? outputs.get(s * perScale + 1).maps() : null;
                maps.add(scales.get(s), aggregator.stageMaps(plain, mirrored, base.width(), base.height()));
            }
            BottomUpTestConfig test = config.test();
            JointMaps heatmaps = maps.heatmaps();
            GroupedPeople grouped = parser.parse(heatmaps, maps.tags(), test.adjust(), test.refine());
            ScaledInput last = inputs.get(inputs.size() - 1);
            return grouped.mapped(last.mapToImage(heatmaps.width(), heatmaps.height()));
        }
    }

    private static List<BottomUpPose> poses(GroupedPeople grouped) {
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
