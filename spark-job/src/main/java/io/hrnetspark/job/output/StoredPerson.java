package io.hrnetspark.job.output;

/**
 * A row of the {@code predictions} table as export and render use it.
 *
 * @param box       x, y, width, height in pixels
 * @param keypoints x, y, score per keypoint
 */
public record StoredPerson(long imageId, String filePath, int personIndex, double[] box, float[][] keypoints,
                           double score, boolean nmsKept) {
}
