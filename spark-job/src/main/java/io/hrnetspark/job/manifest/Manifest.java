package io.hrnetspark.job.manifest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The work of a run, staged (never collected on the driver): one work item per image that has at least
 * one person box ({@link ManifestTable#SCHEMA}), plus what was left out and why.
 *
 * @param imagesListed        images named by the annotation file or found under the images root
 * @param imagesWithoutBoxes  listed images with no usable person box (no work)
 * @param boxesSkipped        ground-truth annotations or detections not used as boxes (crowd, other
 *                            category, no keypoints, empty box, score under the threshold)
 * @param detectionsWithoutImage detections whose image id matches no listed image
 */
public record Manifest(Dataset<Row> tasks, long taskCount, long imagesListed, long imagesWithoutBoxes,
                       long boxesSkipped, long detectionsWithoutImage) {
}
