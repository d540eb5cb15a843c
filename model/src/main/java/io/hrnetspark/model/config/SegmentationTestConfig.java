package io.hrnetspark.model.config;

import java.util.List;

/**
 * {@code TEST} of a segmentation experiment, with the meaning the official
 * {@code HRNet-Semantic-Segmentation} test code gives each key.
 *
 * @param imageSize       the crop size of sliding-window inference and LIP's input size, [w, h] ({@code IMAGE_SIZE})
 * @param baseSize        the long image side at scale 1 ({@code BASE_SIZE})
 * @param batchSizePerGpu images per forward pass ({@code BATCH_SIZE_PER_GPU})
 * @param flipTest        average the logits of the mirrored image ({@code FLIP_TEST})
 * @param multiScale      {@code MULTI_SCALE}: read but unused by the official code, which always runs the scales of {@code SCALE_LIST}
 * @param scaleList       the scales whose class probabilities are summed ({@code SCALE_LIST})
 */
public record SegmentationTestConfig(ImageSize imageSize, int baseSize, int batchSizePerGpu, boolean flipTest,
                                     boolean multiScale, List<Double> scaleList) {

    public SegmentationTestConfig {
        scaleList = List.copyOf(scaleList);
        if (baseSize < 1 || batchSizePerGpu < 1 || scaleList.isEmpty()
                || scaleList.stream().anyMatch(s -> !(s > 0) || Double.isInfinite(s))) {
            throw new IllegalArgumentException("Inconsistent segmentation test settings: base size " + baseSize
                    + ", batch " + batchSizePerGpu + ", scales " + scaleList);
        }
    }
}
