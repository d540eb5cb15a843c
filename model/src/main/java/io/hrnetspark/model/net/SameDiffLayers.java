package io.hrnetspark.model.net;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * Builds a network description into a SameDiff graph, taking every parameter from a checked
 * {@code state_dict}. Unfolded, the graph is NCHW and its variables are the {@code state_dict}
 * entries under their own keys and shapes (BatchNorm as its own op). Folded, each convolution and
 * its BatchNorm become one convolution with bias, with variables {@code <conv>.weight} and
 * {@code <conv>.bias}; the folded graph can run channels-last (NHWC feature maps, {@code [O, kH, kW, I]}
 * weights), which oneDNN runs about half again as fast as NCHW on CPU. Feature maps are always
 * passed in and out in the layout the graph was built for.
 */
final class SameDiffLayers implements LayerOps<SDVariable> {

    private final SameDiff sd;
    private final Map<String, INDArray> stateDict;
    private final boolean foldBatchNorm;
    private final boolean channelsLast;

    SameDiffLayers(SameDiff sd, Map<String, INDArray> stateDict, boolean foldBatchNorm, boolean channelsLast) {
        if (channelsLast && !foldBatchNorm) {
            throw new IllegalArgumentException("Only the folded graph is built channels-last");
        }
        this.sd = sd;
        this.stateDict = stateDict;
        this.foldBatchNorm = foldBatchNorm;
        this.channelsLast = channelsLast;
    }

    @Override
    public SDVariable convBn(String conv, String bn, SDVariable x, int inChannels, int outChannels,
                             int kernel, int stride) {
        Conv2DConfig config = convolution(kernel, stride);
        if (foldBatchNorm) {
            BatchNormFolding.FoldedConvolution folded = BatchNormFolding.fold(tensor(conv + ".weight"),
                    tensor(bn + ".weight"), tensor(bn + ".bias"), tensor(bn + ".running_mean"),
                    tensor(bn + ".running_var"));
            return sd.cnn().conv2d(x, sd.var(conv + ".weight", layoutWeight(folded.weight())),
                    sd.var(conv + ".bias", folded.bias()), config);
        }
        SDVariable y = sd.cnn().conv2d(x, variable(conv + ".weight"), config);
        variable(bn + ".num_batches_tracked");
        return sd.nn().batchNorm(y, variable(bn + ".running_mean"), variable(bn + ".running_var"),
                variable(bn + ".weight"), variable(bn + ".bias"), BatchNormFolding.EPSILON, 1);
    }

    @Override
    public SDVariable convWithBias(String conv, SDVariable x, int inChannels, int outChannels, int kernel) {
        return sd.cnn().conv2d(x, sd.var(conv + ".weight", layoutWeight(tensor(conv + ".weight"))),
                variable(conv + ".bias"), convolution(kernel, 1));
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

    private Conv2DConfig convolution(int kernel, int stride) {
        return Conv2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride)
                .pH(kernel / 2).pW(kernel / 2)
                .dataFormat(channelsLast ? Conv2DConfig.NHWC : Conv2DConfig.NCHW)
                .weightsFormat(channelsLast ? WeightsFormat.OYXI : WeightsFormat.OIYX).build();
    }

    /** A PyTorch {@code [O, I, kH, kW]} weight in the layout of this graph. */
    private INDArray layoutWeight(INDArray oiyx) {
        return channelsLast ? oiyx.permute(0, 2, 3, 1).dup('c') : oiyx;
    }

    private SDVariable variable(String key) {
        return sd.var(key, tensor(key));
    }

    /**
     * A copy of the checkpoint tensor {@code key} (the graph owns and frees its arrays): float
     * parameters as float32, the int64 counters as they are.
     */
    private INDArray tensor(String key) {
        INDArray array = stateDict.get(key);
        if (array == null) {
            throw new IllegalStateException("State dict was not checked: no " + key);
        }
        return array.dataType().isFPType() && array.dataType() != DataType.FLOAT
                ? array.castTo(DataType.FLOAT) : array.dup();
    }
}
