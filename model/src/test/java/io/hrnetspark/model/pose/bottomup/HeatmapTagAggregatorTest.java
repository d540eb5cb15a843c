package io.hrnetspark.model.pose.bottomup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.net.HigherHrnetNetwork;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The maps the grouping reads, made from the tiny network's outputs for the input and its mirror
 * image, equal the official {@code get_multi_stage_outputs} + {@code aggregate_results} result
 * stored in higher-grouping (within the 2e-3 of the network outputs).
 */
class HeatmapTagAggregatorTest {

    private static final float TOLERANCE = 2e-3f;

    @TempDir
    Path dir;

    @Test
    void flipTestMapsEqualTheOfficialOnes() {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(
                GroupingFixture.file("higher-tiny", "config.yaml"));
        INDArray input = GroupingFixture.array("higher-tiny", "input.npy");
        HeatmapTagAggregator aggregator = new HeatmapTagAggregator(config, KeypointSpec.COCO.flipIndex());
        HeatmapTagAggregator.Accumulator accumulator = aggregator.accumulator();
        try (InferenceNetwork network = InferenceNetwork.create(new HigherHrnetNetwork(config),
                TorchCheckpoint.load(GroupingFixture.file("higher-tiny", "model_legacy.pth")), "config.yaml",
                InferenceNetwork.ExecutionMode.DIRECT)) {
            List<INDArray> outputs = network.output(input);
            List<INDArray> mirrored = network.output(Nd4j.exec(new Reverse(input, 3))[0]);
            accumulator.add(1.0, aggregator.stageMaps(outputs, mirrored, 128, 128));
        }
        JointMaps heatmaps = accumulator.heatmaps();
        TagMaps tags = accumulator.tags();
        INDArray expectedHeatmaps = GroupingFixture.grouping("e2e_heatmaps.npy");
        INDArray expectedTags = GroupingFixture.grouping("e2e_tags.npy");
        assertEquals(List.of(17, 128, 128), List.of(heatmaps.joints(), heatmaps.height(), heatmaps.width()));
        assertEquals(List.of(17, 128, 128, 2), List.of(tags.joints(), tags.height(), tags.width(), tags.dim()));
        assertArrayEquals(expectedHeatmaps.ravel().toFloatVector(), heatmaps.values(), TOLERANCE);
        assertArrayEquals(expectedTags.ravel().toFloatVector(), tags.values(), TOLERANCE);
    }

    /**
     * Two scales without projection to the input: the heatmaps of scale 2 set the size, those of scale
     * 1 are resized to it and added, the sum halved; tags come from scale 1 only, resized as well.
     * Constant maps stay constant under bilinear resizing, so the expected values are exact.
     */
    @Test
    void scalesAreSummedAtTheLargestScaleWithTagsOfScaleOne() throws IOException {
        String text = Files.readString(GroupingFixture.file("higher-tiny", "config.yaml"))
                .replace("  SCALE_FACTOR:\n  - 1\n", "  SCALE_FACTOR:\n  - 2\n  - 1\n")
                .replace("PROJECT2IMAGE: true", "PROJECT2IMAGE: false");
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(
                Files.writeString(dir.resolve("two-scales.yaml"), text));
        assertEquals(List.of(1.0, 2.0), config.test().scaleFactors().stream().sorted().toList());
        HeatmapTagAggregator aggregator = new HeatmapTagAggregator(config, null);
        HeatmapTagAggregator.Accumulator accumulator = aggregator.accumulator();
        accumulator.add(2.0, aggregator.stageMaps(outputs(32, 1f, 2f, 3f), null, 16, 16));
        accumulator.add(1.0, aggregator.stageMaps(outputs(16, 5f, 6f, 7f), null, 16, 16));
        JointMaps heatmaps = accumulator.heatmaps();
        TagMaps tags = accumulator.tags();
        assertEquals(List.of(17, 16, 16), List.of(heatmaps.joints(), heatmaps.height(), heatmaps.width()));
        assertEquals(List.of(17, 16, 16, 1), List.of(tags.joints(), tags.height(), tags.width(), tags.dim()));
        // ((1 + 3) / 2 + (5 + 7) / 2) / 2 = 4; tags of scale 1 only
        for (float value : heatmaps.values()) {
            assertEquals(4f, value);
        }
        for (float value : tags.values()) {
            assertEquals(6f, value);
        }
    }

    /** The two outputs of a network input of {@code size}: heatmaps {@code h0}, tags {@code tag}, heatmaps {@code h1}. */
    private static List<INDArray> outputs(int size, float h0, float tag, float h1) {
        INDArray first = Nd4j.createUninitialized(DataType.FLOAT, 1, 34, size / 4, size / 4);
        first.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 17)).assign(h0);
        first.get(NDArrayIndex.all(), NDArrayIndex.interval(17, 34)).assign(tag);
        INDArray second = Nd4j.valueArrayOf(new long[] {1, 17, size / 2, size / 2}, h1);
        return List.of(first, second);
    }
}
