package io.hrnetspark.model.dataset.synthetic;

import io.hrnetspark.model.coco.mask.Rle;

/**
 * One person's COCO annotation as drawn: {@code keypoints} holds x, y, v for the 17 COCO keypoints
 * (v 2 visible, 1 hidden by something in front, 0 outside the image with x = y = 0), {@code bbox}
 * and {@code area} are those of the visible mask {@code segmentation} (x, y, width, height as
 * pycocotools computes them from a mask).
 */
public record SyntheticPerson(double[] keypoints, int numKeypoints, double[] bbox, long area, Rle segmentation) {

    /** Keypoint {@code k}'s x, y and visibility. */
    public double[] keypoint(int k) {
        return new double[] {keypoints[3 * k], keypoints[3 * k + 1], keypoints[3 * k + 2]};
    }
}
