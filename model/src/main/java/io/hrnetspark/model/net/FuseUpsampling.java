package io.hrnetspark.model.net;

/** How the fuse layers of an HRNet backbone bring a lower-resolution branch to a higher one's size. */
public enum FuseUpsampling {
    /** {@code nn.Upsample(scale_factor=2^k, mode='nearest')}: the pose networks. */
    NEAREST,
    /** {@code F.interpolate(size=target, mode='bilinear', align_corners=False)}: segmentation. */
    BILINEAR,
    /** {@code F.interpolate(size=target, mode='bilinear', align_corners=True)}: segmentation. */
    BILINEAR_ALIGN_CORNERS;

    /** The bilinear mode of the segmentation network's {@code MODEL.ALIGN_CORNERS}. */
    public static FuseUpsampling bilinear(boolean alignCorners) {
        return alignCorners ? BILINEAR_ALIGN_CORNERS : BILINEAR;
    }
}
