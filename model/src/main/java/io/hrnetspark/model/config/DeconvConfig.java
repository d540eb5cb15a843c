package io.hrnetspark.model.config;

import java.util.List;

/**
 * {@code MODEL.EXTRA.DECONV} of HigherHRNet: {@code numDeconvs} upsampling stages after the backbone,
 * stage i a stride-2 transposed convolution of kernel {@code kernelSize[i]} to {@code numChannels[i]}
 * channels (+ BatchNorm + ReLU) followed by {@code numBasicBlocks} BasicBlocks, fed the previous
 * features concatenated with the previous output when {@code catOutput[i]}.
 */
public record DeconvConfig(int numDeconvs, List<Integer> numChannels, List<Integer> kernelSize, int numBasicBlocks,
                           List<Boolean> catOutput) {

    public DeconvConfig {
        numChannels = List.copyOf(numChannels);
        kernelSize = List.copyOf(kernelSize);
        catOutput = List.copyOf(catOutput);
        if (numDeconvs < 0 || numBasicBlocks < 0 || numChannels.size() < numDeconvs
                || kernelSize.size() < numDeconvs || catOutput.size() < numDeconvs) {
            throw new IllegalArgumentException("Inconsistent DECONV settings: " + numDeconvs + " deconvs, channels "
                    + numChannels + ", kernels " + kernelSize + ", cat " + catOutput);
        }
        for (int i = 0; i < numDeconvs; i++) {
            if (kernelSize.get(i) != 2 && kernelSize.get(i) != 4) {
                throw new IllegalArgumentException("DECONV.KERNEL_SIZE must be 2 or 4: " + kernelSize);
            }
        }
    }
}
