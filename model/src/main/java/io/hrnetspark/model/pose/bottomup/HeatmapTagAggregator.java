package io.hrnetspark.model.pose.bottomup;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.enums.ImageResizeMethod;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ImageResize;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * From the network outputs of each test scale to the heatmaps and tags the grouping reads, as the
 * official {@code get_multi_stage_outputs} and {@code aggregate_results} compute them: every output
 * but the last is resized (bilinear, {@code align_corners=False}) to the last one's size; the
 * heatmaps of the outputs selected by {@code LOSS.WITH_HEATMAPS_LOSS} and {@code TEST.WITH_HEATMAPS}
 * are averaged, the tag maps selected by {@code LOSS.WITH_AE_LOSS} and {@code TEST.WITH_AE} kept;
 * with the flip test the same on the mirrored input, each output mirrored back and its joints
 * swapped left for right; with {@code PROJECT2IMAGE} all maps resized to the input size of scale 1.
 * Across scales the heatmaps are summed (plain and mirrored averaged) and divided by the number of
 * scales; the tags of scale 1 are stacked as the tag vector, mirrored after plain.
 */
public final class HeatmapTagAggregator {

    private final int numJoints;
    private final List<Boolean> withHeatmapsLoss;
    private final List<Boolean> withAeLoss;
    private final List<Boolean> withHeatmaps;
    private final List<Boolean> withAe;
    private final boolean tagPerJoint;
    private final boolean project2image;
    private final int numScales;
    private final int[] flipIndex;

    /**
     * @param flipIndex per joint the index of its mirror-image joint, or {@code null} without the flip test
     */
    public HeatmapTagAggregator(BottomUpPoseConfig config, int[] flipIndex) {
        this.numJoints = config.model().numJoints();
        this.withHeatmapsLoss = config.model().withHeatmapsLoss();
        this.withAeLoss = config.model().withAeLoss();
        this.withHeatmaps = config.test().withHeatmaps();
        this.withAe = config.test().withAe();
        this.tagPerJoint = config.model().tagPerJoint();
        this.project2image = config.test().project2image();
        this.numScales = config.test().scaleFactors().size();
        this.flipIndex = flipIndex == null ? null : flipIndex.clone();
        if (flipIndex != null && flipIndex.length != numJoints) {
            throw new IllegalArgumentException("A flip index of " + flipIndex.length + " joints for " + numJoints);
        }
    }

    /** Whether the network must also be run on the mirrored input. */
    public boolean flipTest() {
        return flipIndex != null;
    }

    /** The maps of one scale: averaged heatmaps (plain, then mirrored) and tag maps, each {@code [1, C, H, W]}. */
    public record StageMaps(List<INDArray> heatmaps, List<INDArray> tags) {
    }

    /**
     * {@code get_multi_stage_outputs}: the maps of one scale.
     *
     * @param outputs         the network outputs for the input, lowest resolution first
     * @param mirroredOutputs the outputs for the input mirrored along its width ({@code null} without flip test)
     * @param baseWidth       input width at scale 1 (the size maps are projected to)
     * @param baseHeight      input height at scale 1
     */
    public StageMaps stageMaps(List<INDArray> outputs, List<INDArray> mirroredOutputs, int baseWidth, int baseHeight) {
        List<INDArray> heatmaps = new ArrayList<>();
        List<INDArray> tags = new ArrayList<>();
        heatmaps.add(pass(outputs, false, tags));
        if (flipIndex != null) {
            heatmaps.add(pass(mirroredOutputs, true, tags));
        }
        if (project2image) {
            heatmaps.replaceAll(maps -> resize(maps, baseHeight, baseWidth));
            tags.replaceAll(maps -> resize(maps, baseHeight, baseWidth));
        }
        return new StageMaps(heatmaps, tags);
    }

    /** The averaged heatmaps of one pass; its tag maps are appended to {@code tags}. */
    private INDArray pass(List<INDArray> outputs, boolean mirrored, List<INDArray> tags) {
        INDArray last = outputs.get(outputs.size() - 1);
        INDArray sum = null;
        int count = 0;
        for (int i = 0; i < outputs.size(); i++) {
            INDArray output = i == outputs.size() - 1 ? outputs.get(i)
                    : resize(outputs.get(i), (int) last.size(2), (int) last.size(3));
            if (mirrored) {
                output = Nd4j.exec(new Reverse(output, 3))[0];
            }
            int tagOffset = withHeatmapsLoss.get(i) ? numJoints : 0;
            if (withHeatmapsLoss.get(i) && withHeatmaps.get(i)) {
                INDArray maps = channels(output, 0, numJoints);
                if (mirrored) {
                    maps = permuteChannels(maps);
                }
                sum = sum == null ? maps : sum.add(maps);
                count++;
            }
            if (withAeLoss.get(i) && withAe.get(i)) {
                INDArray maps = channels(output, tagOffset, (int) output.size(1));
                if (mirrored && tagPerJoint) {
                    maps = permuteChannels(maps);
                }
                tags.add(maps);
            }
        }
        if (sum == null) {
            throw new IllegalStateException("No output has heatmaps selected; the config reader requires one");
        }
        return sum.div(count);
    }

    /** A new accumulator for the scales of one image. */
    public Accumulator accumulator() {
        return new Accumulator();
    }

    /** Sums the scales' maps in the order the official loop runs them (largest scale first). */
    public final class Accumulator {

        private INDArray heatmaps;
        private final List<INDArray> tags = new ArrayList<>();

        private Accumulator() {
        }

        /** {@code aggregate_results} for the maps of scale {@code scale}. */
        public void add(double scale, StageMaps maps) {
            if (scale == 1 || numScales == 1) {
                for (INDArray t : maps.tags()) {
                    tags.add(heatmaps != null && !project2image
                            ? resize(t, (int) heatmaps.size(2), (int) heatmaps.size(3)) : t);
                }
            }
            INDArray average = flipIndex != null
                    ? maps.heatmaps().get(0).add(maps.heatmaps().get(1)).div(2.0) : maps.heatmaps().get(0);
            if (heatmaps == null) {
                heatmaps = average;
            } else if (project2image) {
                heatmaps = heatmaps.add(average);
            } else {
                heatmaps = heatmaps.add(resize(average, (int) heatmaps.size(2), (int) heatmaps.size(3)));
            }
        }

        /** The final heatmaps: the sum over scales divided by their number. */
        public JointMaps heatmaps() {
            return JointMaps.of(heatmaps.div((double) numScales));
        }

        /** The tag maps stacked into one vector per pixel ({@code torch.cat(tags_list, dim=4)}). */
        public TagMaps tags() {
            if (tags.isEmpty()) {
                throw new IllegalStateException("No tags were collected: TEST.SCALE_FACTOR must contain 1");
            }
            INDArray first = tags.get(0);
            int joints = (int) first.size(1);
            int height = (int) first.size(2);
            int width = (int) first.size(3);
            int dim = tags.size();
            float[] values = new float[joints * height * width * dim];
            for (int d = 0; d < dim; d++) {
                float[] map = tags.get(d).castTo(DataType.FLOAT).dup('c').data().asFloat();
                for (int i = 0; i < map.length; i++) {
                    values[i * dim + d] = map[i];
                }
            }
            return new TagMaps(joints, height, width, dim, values);
        }
    }

    private INDArray permuteChannels(INDArray maps) {
        INDArray permuted = Nd4j.createUninitialized(maps.dataType(), maps.shape());
        for (int c = 0; c < flipIndex.length; c++) {
            permuted.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(maps.get(NDArrayIndex.all(), NDArrayIndex.point(flipIndex[c]), NDArrayIndex.all(),
                            NDArrayIndex.all()));
        }
        return permuted;
    }

    private static INDArray channels(INDArray maps, int from, int to) {
        return maps.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** Bilinear resize of {@code [N, C, H, W]} maps with half-pixel centres ({@code align_corners=False}). */
    static INDArray resize(INDArray nchw, int height, int width) {
        if (nchw.size(2) == height && nchw.size(3) == width) {
            return nchw;
        }
        INDArray nhwc = nchw.permute(0, 2, 3, 1).dup('c');
        INDArray resized = Nd4j.exec(new ImageResize(nhwc, Nd4j.createFromArray(height, width), false, false,
                ImageResizeMethod.ResizeBilinear))[0];
        return resized.permute(0, 3, 1, 2).dup('c');
    }
}
