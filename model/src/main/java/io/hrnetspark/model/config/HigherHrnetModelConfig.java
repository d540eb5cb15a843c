package io.hrnetspark.model.config;

import java.util.List;

/**
 * {@code MODEL} of a HigherHRNet experiment with the {@code LOSS} switches that shape its outputs.
 * Output i (i = 0 at a quarter of the input size, then one per deconv stage, each twice the size of
 * the one before) holds {@code numJoints} heatmaps when {@code withHeatmapsLoss[i]}, followed by the
 * tag maps (one per joint with {@code tagPerJoint}, else one) when {@code withAeLoss[i]}.
 */
public record HigherHrnetModelConfig(String name, int numJoints, boolean tagPerJoint, HrnetExtra extra,
                                     DeconvConfig deconv, List<Boolean> withHeatmapsLoss,
                                     List<Boolean> withAeLoss) implements ModelConfig {

    public HigherHrnetModelConfig {
        withHeatmapsLoss = List.copyOf(withHeatmapsLoss);
        withAeLoss = List.copyOf(withAeLoss);
        if (numJoints < 1 || withAeLoss.size() < numOutputs(deconv)
                || withHeatmapsLoss.size() < numOutputs(deconv)) {
            throw new IllegalArgumentException("Inconsistent HigherHRNet settings: " + numJoints + " joints, "
                    + deconv.numDeconvs() + " deconvs, WITH_AE_LOSS " + withAeLoss
                    + ", WITH_HEATMAPS_LOSS " + withHeatmapsLoss);
        }
    }

    /** Number of network outputs: one before the deconv stages and one after each. */
    public int numOutputs() {
        return numOutputs(deconv);
    }

    /** Channels of the tag maps of an output with tags. */
    public int tagChannels() {
        return tagPerJoint ? numJoints : 1;
    }

    /** Channels of output {@code i}: the heatmaps, then the tag maps if {@code WITH_AE_LOSS[i]}. */
    public int outputChannels(int i) {
        return numJoints + (withAeLoss.get(i) ? tagChannels() : 0);
    }

    private static int numOutputs(DeconvConfig deconv) {
        return deconv.numDeconvs() + 1;
    }
}
