package io.hrnetspark.model.config;

/**
 * The {@code DATASET} settings inference depends on: the dataset name ({@code coco},
 * {@code crowdpose}, ...) and whether images are fed as RGB ({@code COLOR_RGB}) or as OpenCV's BGR.
 */
public record DatasetConfig(String dataset, boolean colorRgb) {
}
