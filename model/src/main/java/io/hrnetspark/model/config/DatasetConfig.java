package io.hrnetspark.model.config;

/**
 * The {@code DATASET} settings inference depends on: the dataset name ({@code coco},
 * {@code crowdpose}, {@code cityscapes}, ...) and whether images are fed as RGB ({@code COLOR_RGB}) or
 * as OpenCV's BGR (the segmentation code always feeds RGB).
 */
public record DatasetConfig(String dataset, boolean colorRgb) {
}
