package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.SegmentationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The HRNetV2 semantic segmentation network of {@code HRNet-Semantic-Segmentation}
 * ({@code HighResolutionNet} of {@code seg_hrnet.py}): the backbone keeps all four branches (fused
 * with bilinear resizing), the lower three are resized bilinearly to the highest resolution and
 * concatenated, and {@code last_layer} (1x1 convolution with bias, BatchNorm, ReLU, convolution with
 * bias) gives one logit map per class at a quarter of the input size. Takes any input size; every
 * resize honours {@code MODEL.ALIGN_CORNERS}.
 */
public final class SegmentationNetwork implements NetworkDefinition {

    /** The name of the single output. */
    public static final String LOGITS = "logits";

    private final HrnetBackbone backbone;
    private final boolean alignCorners;
    private final int numClasses;
    private final int finalConvKernel;
    private final ImageSize inputSize;

    public SegmentationNetwork(SegmentationConfig config) {
        this.alignCorners = config.model().alignCorners();
        this.backbone = new HrnetBackbone(config.extra().backbone(), true, FuseUpsampling.bilinear(alignCorners));
        this.numClasses = config.numClasses();
        this.finalConvKernel = config.extra().finalConvKernel();
        this.inputSize = config.inputSize();
    }

    /** {@code TEST.IMAGE_SIZE}, the size the summary and benchmark use. */
    @Override
    public ImageSize inputSize() {
        return inputSize;
    }

    @Override
    public int inputSizeMultiple() {
        return 1;
    }

    @Override
    public List<String> outputNames() {
        return List.of(LOGITS);
    }

    @Override
    public <T> List<T> forward(LayerOps<T> ops, T image) {
        List<T> branches = backbone.forward(ops, image);
        T highest = branches.get(0);
        List<T> maps = new ArrayList<>();
        maps.add(highest);
        for (T lower : branches.subList(1, branches.size())) {
            maps.add(ops.resizeBilinear(lower, highest, alignCorners));
        }
        int channels = backbone.outputChannels().stream().mapToInt(Integer::intValue).sum();
        T x = ops.relu(ops.convWithBiasBn("last_layer.0", "last_layer.1", ops.concat(maps), channels, channels, 1));
        return List.of(ops.convWithBias("last_layer.3", x, channels, numClasses, finalConvKernel));
    }
}
