package io.hrnetspark.model.config;

import java.nio.file.Path;

/**
 * An HRNetV2 semantic segmentation experiment ({@code MODEL.NAME: seg_hrnet}) of
 * {@code HRNet-Semantic-Segmentation}, e.g.
 * {@code experiments/cityscapes/seg_hrnet_w48_train_512x1024_sgd_lr1e-2_wd5e-4_bs_12_epoch484.yaml}.
 *
 * @param numClasses  {@code DATASET.NUM_CLASSES}, the channels of the logits
 * @param ignoreLabel {@code TRAIN.IGNORE_LABEL}, the ground-truth value that scores nothing (255 in the experiment files)
 */
public record SegmentationConfig(Path source, SegmentationModelConfig model, DatasetConfig dataset, int numClasses,
                                 int ignoreLabel, SegmentationTestConfig test) implements ExperimentConfig {

    /** The {@code MODEL.NAME} of this family. */
    public static final String MODEL_NAME = "seg_hrnet";

    public SegmentationConfig {
        if (numClasses < 1) {
            throw new IllegalArgumentException("NUM_CLASSES must be positive: " + numClasses);
        }
    }

    /** {@code TEST.IMAGE_SIZE}; the network itself takes any size. */
    @Override
    public ImageSize inputSize() {
        return test.imageSize();
    }
}
