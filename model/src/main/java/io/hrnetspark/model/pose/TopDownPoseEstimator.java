package io.hrnetspark.model.pose;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.config.TopDownTestConfig;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.image.AffineCrop;
import io.hrnetspark.model.image.CenterScale;
import io.hrnetspark.model.image.ImageNetNormalization;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.net.NetworkDefinition;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.model.net.TopDownPoseNetwork;
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.predict.NetworkSample;
import io.hrnetspark.model.predict.NetworkStats;
import io.hrnetspark.model.predict.PreparedInput;
import io.hrnetspark.model.predict.SampleOutput;
import io.hrnetspark.model.predict.SharedNetwork;
import io.hrnetspark.model.weights.StateDict;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Top-down pose estimation with an official HRNet experiment: person boxes in, 2-D keypoints in image
 * pixels out, equal to the official test path (crop, normalise, network, flip test, decode,
 * rescore, OKS-NMS). Load once, predict many times, close; the thread contract is
 * {@link BatchPredictor}'s. With the flip test every crop is followed by its mirror image in the
 * same forward pass (2N samples for N persons), not run in a second pass.
 *
 * <p>{@link #prepare(RgbImage, PersonBox)} and {@link #predict(List)} are the per-crop form of the
 * same path, kept for callers that batch crops themselves.
 */
public final class TopDownPoseEstimator implements BatchPredictor<ImageBoxes, List<TopDownPerson>> {

    private final TopDownPoseConfig config;
    private final KeypointSpec keypointSpec;
    private final SharedNetwork network;
    private final AffineCrop crop;
    private final ImageNetNormalization normalization;
    private final FlipTest flipTest;
    private final HeatmapDecoder decoder;
    private final InstanceRescorer rescorer;
    private final OksNms nms;

    private TopDownPoseEstimator(TopDownPoseConfig config, KeypointSpec keypointSpec, InferenceNetwork network,
                                 boolean flip) {
        TopDownTestConfig test = config.test();
        ImageSize input = config.model().imageSize();
        ImageSize heatmap = config.model().heatmapSize();
        this.config = config;
        this.keypointSpec = keypointSpec;
        this.network = new SharedNetwork(network);
        this.crop = new AffineCrop(input.width(), input.height());
        this.normalization = new ImageNetNormalization(config.dataset().colorRgb());
        this.flipTest = flip ? new FlipTest(keypointSpec, test.shiftHeatmap()) : null;
        this.decoder = new HeatmapDecoder(heatmap.width(), heatmap.height(), test.postProcess());
        this.rescorer = new InstanceRescorer(test.inVisThreshold());
        this.nms = new OksNms(keypointSpec.sigmas(), test.oksThreshold());
    }

    /**
     * Builds the network of {@code config} with {@code weights}.
     *
     * @param weights  an official checkpoint's tensors, or {@code null} for seeded random weights
     *                 (benchmarks, smoke tests)
     * @param flipTest also run the mirrored crops and average (the official {@code TEST.FLIP_TEST})
     * @throws InvalidInputException when the weights do not fit the config's network, or the config's
     *                               dataset has no keypoint metadata matching {@code NUM_JOINTS}
     */
    public static TopDownPoseEstimator create(TopDownPoseConfig config, StateDict weights, boolean flipTest) {
        return create(config, weights, flipTest, Precision.FP32);
    }

    /**
     * As {@link #create(TopDownPoseConfig, StateDict, boolean)}, the network running in {@code precision}.
     *
     * @throws InvalidInputException also when bf16 is asked for on a CPU without bf16 arithmetic
     */
    public static TopDownPoseEstimator create(TopDownPoseConfig config, StateDict weights, boolean flipTest,
                                              Precision precision) {
        KeypointSpec spec = keypointSpec(config);
        NetworkDefinition definition = new TopDownPoseNetwork(config);
        InferenceNetwork network = InferenceNetwork.withWeightsOrRandom(definition, weights,
                "config " + config.source(), precision);
        return new TopDownPoseEstimator(config, spec, network, flipTest);
    }

    /** The keypoints this estimator outputs (names, flip pairs, OKS sigmas). */
    public KeypointSpec keypointSpec() {
        return keypointSpec;
    }

    /**
     * The crops of every box (each followed by its mirror image with the flip test); decoding gives
     * one person per box in box order, each flagged with whether OKS-NMS keeps it.
     *
     * @throws InvalidInputException when a box has zero or negative size or a non-finite value (the
     *                               message gives its index), or the config asks for soft OKS-NMS
     */
    @Override
    public PreparedInput<List<TopDownPerson>> prepare(ImageBoxes input) {
        requireHardNms();
        List<PoseCrop> crops = new ArrayList<>(input.boxes().size());
        List<NetworkSample> samples = new ArrayList<>();
        for (int i = 0; i < input.boxes().size(); i++) {
            PoseCrop c;
            try {
                c = prepare(input.image(), input.boxes().get(i));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("Box " + i + ": " + e.getMessage(), e);
            }
            crops.add(c);
            samples.addAll(samples(c));
        }
        return new PreparedCrops(crops, samples);
    }

    @Override
    public List<SampleOutput> forward(List<NetworkSample> batch) {
        return network.forward(batch);
    }

    /** {@code TEST.BATCH_SIZE_PER_GPU} crops, with their mirror images under the flip test. */
    @Override
    public int defaultBatchSize() {
        return Math.max(1, config.test().batchSizePerGpu()) * samplesPerCrop();
    }

    @Override
    public NetworkStats networkStats() {
        return network.stats();
    }

    /**
     * Cuts and normalises one person of {@code image}; the crop does not refer to the image.
     *
     * @throws InvalidInputException when the box has zero or negative size or a non-finite value
     */
    public PoseCrop prepare(RgbImage image, PersonBox box) {
        CenterScale region = region(box);
        float[] chw = new float[ImageNetNormalization.floatsPerImage(crop.width(), crop.height())];
        try (RgbImage cropped = crop.crop(image, region)) {
            normalization.writeChw(cropped, FloatBuffer.wrap(chw), 0);
        }
        return new PoseCrop(box, region, crop.width(), crop.height(), chw);
    }

    /** Runs one batch of crops (and their mirror images) through the network and decodes the poses, in order. */
    public List<PersonPose> predict(List<PoseCrop> crops) {
        if (crops.isEmpty()) {
            return List.of();
        }
        List<NetworkSample> samples = new ArrayList<>(crops.size() * samplesPerCrop());
        for (int i = 0; i < crops.size(); i++) {
            PoseCrop c = crops.get(i);
            if (c.width() != crop.width() || c.height() != crop.height()) {
                throw new IllegalArgumentException("Crop " + i + " is " + c.width() + "x" + c.height()
                        + " but this network takes " + crop.width() + "x" + crop.height());
            }
            samples.addAll(samples(c));
        }
        List<SampleOutput> outputs = network.forward(samples);
        try {
            return poses(crops, outputs);
        } finally {
            outputs.forEach(output -> output.maps().forEach(INDArray::close));
        }
    }

    /**
     * The poses of the persons in {@code boxes}, in box order, run in batches of the config's
     * {@code TEST.BATCH_SIZE_PER_GPU} crops.
     */
    public List<PersonPose> estimate(RgbImage image, List<PersonBox> boxes) {
        List<PersonPose> poses = new ArrayList<>(boxes.size());
        for (TopDownPerson person : predict(new ImageBoxes(image, boxes))) {
            poses.add(new PersonPose(person.box(), person.keypoints(), person.score()));
        }
        return poses;
    }

    /**
     * One image's poses after the official OKS non-maximum suppression ({@code TEST.OKS_THRE}), best
     * first.
     *
     * @throws InvalidInputException when the config asks for soft OKS-NMS ({@code TEST.SOFT_NMS})
     */
    public List<PersonPose> suppressOverlaps(List<PersonPose> poses) {
        requireHardNms();
        List<PersonPose> kept = new ArrayList<>();
        for (int index : keptIndices(poses)) {
            kept.add(poses.get(index));
        }
        return kept;
    }

    /** Frees the network's native memory once a running batch is done. */
    @Override
    public void close() {
        network.close();
    }

    /** One image's crops and their samples; decoding needs only the crops' boxes and regions. */
    private final class PreparedCrops implements PreparedInput<List<TopDownPerson>> {

        private final List<PoseCrop> crops;
        private final List<NetworkSample> samples;

        PreparedCrops(List<PoseCrop> crops, List<NetworkSample> samples) {
            this.crops = crops;
            this.samples = List.copyOf(samples);
        }

        @Override
        public List<NetworkSample> samples() {
            return samples;
        }

        @Override
        public List<TopDownPerson> decode(List<SampleOutput> outputs) {
            List<PersonPose> poses = poses(crops, outputs);
            boolean[] kept = new boolean[poses.size()];
            for (int index : keptIndices(poses)) {
                kept[index] = true;
            }
            List<TopDownPerson> persons = new ArrayList<>(poses.size());
            for (int i = 0; i < poses.size(); i++) {
                PersonPose pose = poses.get(i);
                persons.add(new TopDownPerson(pose.box(), pose.keypoints(), pose.score(), kept[i]));
            }
            return persons;
        }
    }

    private int samplesPerCrop() {
        return flipTest == null ? 1 : 2;
    }

    private List<NetworkSample> samples(PoseCrop c) {
        NetworkSample plain = new NetworkSample(c.width(), c.height(), c.chw());
        return flipTest == null ? List.of(plain) : List.of(plain, plain.mirrored());
    }

    /** The poses of {@code crops} from their outputs ({@link #samples} of each crop, in order). */
    private List<PersonPose> poses(List<PoseCrop> crops, List<SampleOutput> outputs) {
        int perCrop = samplesPerCrop();
        if (outputs.size() != crops.size() * perCrop) {
            throw new IllegalArgumentException(outputs.size() + " outputs for " + crops.size() + " crops");
        }
        ImageSize heatmapSize = config.model().heatmapSize();
        int keypoints = keypointSpec.numKeypoints();
        List<PersonPose> poses = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i++) {
            PoseCrop c = crops.get(i);
            float[] heatmaps = heatmaps(outputs.get(i * perCrop));
            if (flipTest != null) {
                heatmaps = flipTest.merge(heatmaps, heatmaps(outputs.get(i * perCrop + 1)), heatmapSize.height(),
                        heatmapSize.width());
            }
            float[][] decoded = decoder.decode(heatmaps, 0, keypoints, c.region());
            poses.add(new PersonPose(c.box(), decoded, rescorer.score(decoded, c.box().score())));
        }
        return poses;
    }

    /** One sample's heatmaps as K x height x width floats. */
    private float[] heatmaps(SampleOutput output) {
        ImageSize heatmap = config.model().heatmapSize();
        long[] expected = {1, keypointSpec.numKeypoints(), heatmap.height(), heatmap.width()};
        if (!Arrays.equals(expected, output.map(0).shape())) {
            throw new IllegalStateException("The network returned heatmaps of shape "
                    + Arrays.toString(output.map(0).shape()) + " instead of " + Arrays.toString(expected));
        }
        return output.floats(0);
    }

    private List<Integer> keptIndices(List<PersonPose> poses) {
        List<OksNms.Candidate> candidates = new ArrayList<>(poses.size());
        for (PersonPose pose : poses) {
            candidates.add(new OksNms.Candidate(pose.keypoints(), region(pose.box()).area(), pose.score()));
        }
        return nms.keep(candidates);
    }

    private void requireHardNms() {
        if (config.test().softNms()) {
            throw new InvalidInputException("Config " + config.source()
                    + " sets TEST.SOFT_NMS true, but only hard OKS-NMS is implemented: set it to false.");
        }
    }

    private CenterScale region(PersonBox box) {
        return CenterScale.fromBox(box.x(), box.y(), box.width(), box.height(), crop.width(), crop.height());
    }

    private static KeypointSpec keypointSpec(TopDownPoseConfig config) {
        String dataset = config.dataset().dataset();
        KeypointSpec spec;
        try {
            spec = KeypointSpec.byName(dataset);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Config " + config.source() + " has DATASET.DATASET '" + dataset
                    + "', which has no keypoint metadata here: use coco or crowdpose.", e);
        }
        if (spec.numKeypoints() != config.model().numJoints()) {
            throw new InvalidInputException("Config " + config.source() + " has MODEL.NUM_JOINTS "
                    + config.model().numJoints() + " but dataset " + dataset + " has " + spec.numKeypoints()
                    + " keypoints: make them agree.");
        }
        return spec;
    }
}
