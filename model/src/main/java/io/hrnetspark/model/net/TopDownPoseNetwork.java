package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.TopDownPoseConfig;
import java.util.List;

/**
 * The top-down pose network of {@code deep-high-resolution-net.pytorch} ({@code PoseHighResolutionNet},
 * HRNetV1): the backbone's highest-resolution branch through {@code final_layer}, a convolution with
 * bias to one heatmap per joint at a quarter of the input size.
 */
public final class TopDownPoseNetwork implements NetworkDefinition {

    /** The name of the single output. */
    public static final String HEATMAPS = "heatmaps";

    private final HrnetBackbone backbone;
    private final ImageSize inputSize;
    private final int numJoints;
    private final int finalConvKernel;

    public TopDownPoseNetwork(TopDownPoseConfig config) {
        this.backbone = new HrnetBackbone(config.extra().backbone(), false);
        this.inputSize = config.inputSize();
        this.numJoints = config.model().numJoints();
        this.finalConvKernel = config.extra().finalConvKernel();
    }

    @Override
    public ImageSize inputSize() {
        return inputSize;
    }

    @Override
    public List<String> outputNames() {
        return List.of(HEATMAPS);
    }

    @Override
    public <T> List<T> forward(LayerOps<T> ops, T image) {
        T highResolution = backbone.forward(ops, image).get(0);
        return List.of(ops.convWithBias("final_layer", highResolution, backbone.outputChannels().get(0),
                numJoints, finalConvKernel));
    }
}
