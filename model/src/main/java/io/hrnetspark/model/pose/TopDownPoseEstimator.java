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
import io.hrnetspark.model.weights.StateDict;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Top-down pose estimation with an official HRNet experiment: person boxes in, 2-D keypoints in image
 * pixels out, equal to the official test path (crop, normalise, network, flip test, decode,
 * rescore). Load once, predict many times, close. Thread-confined: use one instance per thread.
 *
 * <p>{@link #prepare} (pre-processing, no network) and {@link #predict} (one batch through the
 * network) are separate so that crops of many images can be batched together, and images closed
 * before their batch runs; {@link #estimate} does both for one image.
 */
public final class TopDownPoseEstimator implements AutoCloseable {

    private final TopDownPoseConfig config;
    private final KeypointSpec keypointSpec;
    private final InferenceNetwork network;
    private final AffineCrop crop;
    private final ImageNetNormalization normalization;
    private final FlipTest flipTest;
    private final HeatmapDecoder decoder;
    private final InstanceRescorer rescorer;

    private TopDownPoseEstimator(TopDownPoseConfig config, KeypointSpec keypointSpec, InferenceNetwork network,
                                 boolean flip) {
        TopDownTestConfig test = config.test();
        ImageSize input = config.model().imageSize();
        ImageSize heatmap = config.model().heatmapSize();
        this.config = config;
        this.keypointSpec = keypointSpec;
        this.network = network;
        this.crop = new AffineCrop(input.width(), input.height());
        this.normalization = new ImageNetNormalization(config.dataset().colorRgb());
        this.flipTest = flip ? new FlipTest(keypointSpec, test.shiftHeatmap()) : null;
        this.decoder = new HeatmapDecoder(heatmap.width(), heatmap.height(), test.postProcess());
        this.rescorer = new InstanceRescorer(test.inVisThreshold());
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

    /** Runs one batch of crops through the network (twice with the flip test) and decodes the poses, in order. */
    public List<PersonPose> predict(List<PoseCrop> crops) {
        if (crops.isEmpty()) {
            return List.of();
        }
        int width = crop.width();
        int height = crop.height();
        int perCrop = ImageNetNormalization.floatsPerImage(width, height);
        float[] batch = new float[Math.multiplyExact(crops.size(), perCrop)];
        for (int i = 0; i < crops.size(); i++) {
            PoseCrop c = crops.get(i);
            if (c.width() != width || c.height() != height) {
                throw new IllegalArgumentException("Crop " + i + " is " + c.width() + "x" + c.height()
                        + " but this network takes " + width + "x" + height);
            }
            System.arraycopy(c.chw(), 0, batch, i * perCrop, perCrop);
        }
        ImageSize heatmapSize = config.model().heatmapSize();
        float[] heatmaps = heatmaps(batch, crops.size());
        if (flipTest != null) {
            float[] flipped = heatmaps(FlipTest.mirrorWidth(batch, height, width), crops.size());
            heatmaps = flipTest.merge(heatmaps, flipped, heatmapSize.height(), heatmapSize.width());
        }
        int keypoints = keypointSpec.numKeypoints();
        int perInstance = keypoints * heatmapSize.width() * heatmapSize.height();
        List<PersonPose> poses = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i++) {
            PoseCrop c = crops.get(i);
            float[][] decoded = decoder.decode(heatmaps, i * perInstance, keypoints, c.region());
            poses.add(new PersonPose(c.box(), decoded, rescorer.score(decoded, c.box().score())));
        }
        return poses;
    }

    /**
     * The poses of the persons in {@code boxes}, in box order, run in batches of the config's
     * {@code TEST.BATCH_SIZE_PER_GPU}.
     */
    public List<PersonPose> estimate(RgbImage image, List<PersonBox> boxes) {
        int batchSize = Math.max(1, config.test().batchSizePerGpu());
        List<PersonPose> poses = new ArrayList<>(boxes.size());
        for (int start = 0; start < boxes.size(); start += batchSize) {
            List<PoseCrop> crops = new ArrayList<>();
            for (PersonBox box : boxes.subList(start, Math.min(boxes.size(), start + batchSize))) {
                crops.add(prepare(image, box));
            }
            poses.addAll(predict(crops));
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
        if (config.test().softNms()) {
            throw new InvalidInputException("Config " + config.source()
                    + " sets TEST.SOFT_NMS true, but only hard OKS-NMS is implemented: set it to false.");
        }
        OksNms nms = new OksNms(keypointSpec.sigmas(), config.test().oksThreshold());
        List<OksNms.Candidate> candidates = new ArrayList<>(poses.size());
        for (PersonPose pose : poses) {
            candidates.add(new OksNms.Candidate(pose.keypoints(), region(pose.box()).area(), pose.score()));
        }
        List<PersonPose> kept = new ArrayList<>();
        for (int index : nms.keep(candidates)) {
            kept.add(poses.get(index));
        }
        return kept;
    }

    /** Frees the network's native memory. */
    @Override
    public void close() {
        network.close();
    }

    private CenterScale region(PersonBox box) {
        return CenterScale.fromBox(box.x(), box.y(), box.width(), box.height(), crop.width(), crop.height());
    }

    /** The network's heatmaps for {@code count} crops in NCHW order, as floats in NCHW order. */
    private float[] heatmaps(float[] batch, int count) {
        try (INDArray input = Nd4j.create(batch, new long[] {count, 3, crop.height(), crop.width()}, 'c');
             INDArray output = network.output(input).get(0)) {
            ImageSize heatmap = config.model().heatmapSize();
            long[] expected = {count, keypointSpec.numKeypoints(), heatmap.height(), heatmap.width()};
            if (!Arrays.equals(expected, output.shape())) {
                throw new IllegalStateException("The network returned heatmaps of shape "
                        + Arrays.toString(output.shape()) + " instead of " + Arrays.toString(expected));
            }
            return output.ravel().toFloatVector();
        }
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
