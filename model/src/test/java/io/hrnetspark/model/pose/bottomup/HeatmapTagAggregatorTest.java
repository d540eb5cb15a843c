package io.hrnetspark.model.pose.bottomup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.net.HigherHrnetNetwork;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The maps the grouping reads, made from the tiny network's outputs for the input and its mirror
 * image, equal the official {@code get_multi_stage_outputs} + {@code aggregate_results} result
 * stored in higher-grouping (within the 2e-3 of the network outputs).
 */
class HeatmapTagAggregatorTest {

    private static final float TOLERANCE = 2e-3f;

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
}
