package io.hrnetspark.model.net;

import io.hrnetspark.model.net.BatchNormFolding.FoldedConvolution;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * Builds a network description into a SameDiff graph. Unfolded, the graph is NCHW and its variables
 * are the {@code state_dict} entries under their own keys and shapes (BatchNorm as its own op).
 * Folded, each convolution and its BatchNorm are one convolution with bias, with variables
 * {@code <conv>.weight} and {@code <conv>.bias}, NCHW or channels-last (NHWC maps, {@code [O, kH, kW, I]}
 * weights). Feature maps are passed in and out in the layout the graph is built for.
 */
final class SameDiffLayers implements LayerOps<SDVariable> {

    private final SameDiff sd;
    private final Map<String, INDArray> stateDict;
    private final Map<String, FoldedConvolution> folded;
    private final boolean channelsLast;

    private SameDiffLayers(SameDiff sd, Map<String, INDArray> stateDict, Map<String, FoldedConvolution> folded,
                           boolean channelsLast) {
        this.sd = sd;
        this.stateDict = stateDict;
        this.folded = folded;
        this.channelsLast = channelsLast;
    }

    /** NCHW, variables equal to the {@code state_dict} entries (checked against the layout before). */
    static SameDiffLayers unfolded(SameDiff sd, Map<String, INDArray> stateDict) {
        return new SameDiffLayers(sd, stateDict, null, false);
    }

    /** Convolutions with their BatchNorm folded in, from {@link FoldedConvolutions} of the same layout. */
    static SameDiffLayers folded(SameDiff sd, Map<String, FoldedConvolution> folded, boolean channelsLast) {
        return new SameDiffLayers(sd, null, folded, channelsLast);
    }

    @Override
    public SDVariable convBn(String conv, String bn, SDVariable x, int inChannels, int outChannels,
                             int kernel, int stride) {
        if (folded != null) {
            return foldedConvolution(conv, x, kernel, stride);
        }
        return batchNorm(bn, sd.cnn().conv2d(x, variable(conv + ".weight"), convolution(kernel, stride)));
    }

    @Override
    public SDVariable convWithBias(String conv, SDVariable x, int inChannels, int outChannels, int kernel) {
        if (folded != null) {
            return foldedConvolution(conv, x, kernel, 1);
        }
        return sd.cnn().conv2d(x, variable(conv + ".weight"), variable(conv + ".bias"), convolution(kernel, 1));
    }

    @Override
    public SDVariable convWithBiasBn(String conv, String bn, SDVariable x, int inChannels, int outChannels,
                                     int kernel) {
        if (folded != null) {
            return foldedConvolution(conv, x, kernel, 1);
        }
        return batchNorm(bn, convWithBias(conv, x, inChannels, outChannels, kernel));
    }

    @Override
    public SDVariable relu(SDVariable x) {
        return sd.nn().relu(x, 0);
    }

    @Override
    public SDVariable add(SDVariable a, SDVariable b) {
        return a.add(b);
    }

    @Override
    public SDVariable upsampleNearest(SDVariable x, int factor) {
        return sd.cnn().upsampling2d(x, factor, factor, !channelsLast);
    }

    /** SameDiff's bilinear resize works on NHWC maps only, so NCHW maps are permuted around it. */
    @Override
    public SDVariable resizeBilinear(SDVariable x, SDVariable like, boolean alignCorners) {
        int heightAxis = channelsLast ? 1 : 2;
        SDVariable size = like.shape().get(SDIndex.interval(heightAxis, heightAxis + 2)).castTo(DataType.INT);
        SDVariable nhwc = channelsLast ? x : x.permute(0, 2, 3, 1);
        SDVariable resized = new ResizeBilinearToSize(sd, nhwc, size, alignCorners).outputVariable();
        return channelsLast ? resized : resized.permute(0, 3, 1, 2);
    }

    @Override
    public SDVariable concat(List<SDVariable> maps) {
        return sd.concat(channelsLast ? 3 : 1, maps.toArray(SDVariable[]::new));
    }

    private SDVariable batchNorm(String bn, SDVariable x) {
        variable(bn + ".num_batches_tracked");
        return sd.nn().batchNorm(x, variable(bn + ".running_mean"), variable(bn + ".running_var"),
                variable(bn + ".weight"), variable(bn + ".bias"), BatchNormFolding.EPSILON, 1);
    }

    private SDVariable foldedConvolution(String conv, SDVariable x, int kernel, int stride) {
        FoldedConvolution weights = folded.get(conv);
        return sd.cnn().conv2d(x, sd.var(conv + ".weight", weights.weight()),
                sd.var(conv + ".bias", weights.bias()), convolution(kernel, stride));
    }

    private Conv2DConfig convolution(int kernel, int stride) {
        return ConvolutionConfig.of(kernel, stride, channelsLast);
    }

    /**
     * A variable holding a copy of the checkpoint tensor {@code key} (the graph owns and frees its
     * arrays): float parameters as float32, the int64 counters as they are.
     */
    private SDVariable variable(String key) {
        INDArray array = stateDict.get(key);
        if (array == null) {
            throw new IllegalStateException("State dict was not checked against the layout: no " + key);
        }
        return sd.var(key, array.dataType().isFPType() && array.dataType() != DataType.FLOAT
                ? array.castTo(DataType.FLOAT) : array.dup());
    }
}
