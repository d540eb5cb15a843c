package io.hrnetspark.model.config;

import java.util.List;

/**
 * One HRNet stage ({@code MODEL.EXTRA.STAGEn}): {@code numModules} high-resolution modules, each
 * with {@code numBranches} parallel branches of {@code numBlocks[i]} blocks of width
 * {@code numChannels[i]} (times the block expansion), fused by summation.
 */
public record StageConfig(int numModules, int numBranches, BlockType block, List<Integer> numBlocks,
                          List<Integer> numChannels) {

    public StageConfig {
        numBlocks = List.copyOf(numBlocks);
        numChannels = List.copyOf(numChannels);
        if (numModules < 1 || numBranches < 1 || numBlocks.size() != numBranches
                || numChannels.size() != numBranches) {
            throw new IllegalArgumentException("Inconsistent stage: " + numModules + " modules, "
                    + numBranches + " branches, blocks " + numBlocks + ", channels " + numChannels);
        }
    }

    /** Output channels of branch {@code i}: its {@code NUM_CHANNELS} entry times the block expansion. */
    public int outputChannels(int branch) {
        return numChannels.get(branch) * block.expansion();
    }
}
