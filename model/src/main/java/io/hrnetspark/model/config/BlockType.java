package io.hrnetspark.model.config;

/** The residual block of an HRNet stage, as named in {@code MODEL.EXTRA.STAGEn.BLOCK}. */
public enum BlockType {
    BASIC(1),
    BOTTLENECK(4);

    private final int expansion;

    BlockType(int expansion) {
        this.expansion = expansion;
    }

    /** Output channels of one block divided by its {@code NUM_CHANNELS} entry. */
    public int expansion() {
        return expansion;
    }
}
