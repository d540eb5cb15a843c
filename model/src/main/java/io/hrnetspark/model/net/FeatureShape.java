package io.hrnetspark.model.net;

/** The shape of one sample's feature map: channels, height, width. */
public record FeatureShape(int channels, int height, int width) {

    /** As an NCHW shape with batch size {@code batch}. */
    public long[] nchw(long batch) {
        return new long[] {batch, channels, height, width};
    }

    @Override
    public String toString() {
        return "[" + channels + ", " + height + ", " + width + "]";
    }
}
