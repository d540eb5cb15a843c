package io.hrnetspark.model.net;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.DeconvConfig;
import io.hrnetspark.model.config.HigherHrnetModelConfig;
import io.hrnetspark.model.config.ImageSize;
import java.util.ArrayList;
import java.util.List;

/**
 * The bottom-up pose network of {@code HigherHRNet-Human-Pose-Estimation} ({@code PoseHigherResolutionNet}):
 * the backbone's highest-resolution branch x through {@code final_layers.0} (heatmaps and tag maps at
 * a quarter of the input size); then per deconv stage i, x (concatenated with the previous output
 * when {@code CAT_OUTPUT[i]}) through {@code deconv_layers.i} (transposed convolution + BatchNorm +
 * ReLU, then BasicBlocks) and {@code final_layers.(i+1)}, each stage doubling the size.
 */
public final class HigherHrnetNetwork implements NetworkDefinition {

    private final HrnetBackbone backbone;
    private final ImageSize inputSize;
    private final HigherHrnetModelConfig model;

    public HigherHrnetNetwork(BottomUpPoseConfig config) {
        this.backbone = new HrnetBackbone(config.extra().backbone(), false);
        this.inputSize = config.inputSize();
        this.model = config.model();
    }

    @Override
    public ImageSize inputSize() {
        return inputSize;
    }

    /** {@code output0} (1/4 of the input size), {@code output1} (1/2), ...: one per output, lowest resolution first. */
    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < model.numOutputs(); i++) {
            names.add("output" + i);
        }
        return List.copyOf(names);
    }

    @Override
    public <T> List<T> forward(LayerOps<T> ops, T image) {
        int kernel = model.extra().finalConvKernel();
        T x = backbone.forward(ops, image).get(0);
        int channels = backbone.outputChannels().get(0);
        T y = ops.convWithBias("final_layers.0", x, channels, model.outputChannels(0), kernel);
        List<T> outputs = new ArrayList<>(List.of(y));
        DeconvConfig deconv = model.deconv();
        for (int i = 0; i < deconv.numDeconvs(); i++) {
            if (deconv.catOutput().get(i)) {
                x = ops.concat(List.of(x, y));
                channels += model.outputChannels(i);
            }
            String prefix = "deconv_layers." + i;
            int width = deconv.numChannels().get(i);
            x = ops.relu(ops.deconvBn(prefix + ".0.0", prefix + ".0.1", x, channels, width,
                    deconv.kernelSize().get(i)));
            for (int b = 1; b <= deconv.numBasicBlocks(); b++) {
                x = HrnetBackbone.basicBlock(ops, prefix + "." + b + ".0", x, width, width);
            }
            channels = width;
            y = ops.convWithBias("final_layers." + (i + 1), x, channels, model.outputChannels(i + 1), kernel);
            outputs.add(y);
        }
        return outputs;
    }
}
