package io.hrnetspark.model.net;

import java.util.List;

/**
 * The layers an HRNet is made of, as a target a network description is run against: a SameDiff
 * graph builder ({@link SameDiffLayers}), a shape and parameter tracer ({@link ShapeTracer}), and
 * later others. Names are the PyTorch module paths of the official code (e.g.
 * {@code stage2.0.branches.1.3.conv1}); parameter keys are those names plus {@code .weight},
 * {@code .bias}, {@code .running_mean}, {@code .running_var} and {@code .num_batches_tracked}.
 * Convolutions are zero-padded by {@code kernel / 2}, as every convolution of HRNet is.
 *
 * @param <T> the feature map type of the target
 */
public interface LayerOps<T> {

    /** A bias-free convolution {@code conv} followed by inference BatchNorm {@code bn} (eps 1e-5). */
    T convBn(String conv, String bn, T x, int inChannels, int outChannels, int kernel, int stride);

    /** A stride-1 convolution with bias, named {@code conv}. */
    T convWithBias(String conv, T x, int inChannels, int outChannels, int kernel);

    /** A stride-1 convolution with bias {@code conv} followed by inference BatchNorm {@code bn} (eps 1e-5). */
    T convWithBiasBn(String conv, String bn, T x, int inChannels, int outChannels, int kernel);

    T relu(T x);

    T add(T a, T b);

    /** Nearest-neighbour upsampling by an integer factor ({@code nn.Upsample(mode='nearest')}). */
    T upsampleNearest(T x, int factor);

    /**
     * Bilinear resizing of {@code x} to the height and width of {@code like}
     * ({@code F.interpolate(x, size=like.shape[-2:], mode='bilinear', align_corners=alignCorners)}).
     */
    T resizeBilinear(T x, T like, boolean alignCorners);

    /** The feature maps stacked along the channel axis ({@code torch.cat(maps, 1)}); all of one height and width. */
    T concat(List<T> maps);
}
