package io.hrnetspark.job.manifest;

import java.util.List;

/**
 * The work of a run: one task per image that has at least one person box, ordered by image id,
 * plus what was left out and why.
 *
 * @param imagesListed        images named by the annotation file or found under the images root
 * @param imagesWithoutBoxes  listed images with no usable person box (no work)
 * @param boxesSkipped        ground-truth annotations or detections not used as boxes (crowd, other
 *                            category, no keypoints, empty box, score under the threshold)
 * @param detectionsWithoutImage detections whose image id matches no listed image
 */
public record Manifest(List<ImageTask> tasks, long imagesListed, long imagesWithoutBoxes, long boxesSkipped,
                       long detectionsWithoutImage) {

    public Manifest {
        tasks = List.copyOf(tasks);
    }

    public long boxes() {
        return tasks.stream().mapToLong(ImageTask::work).sum();
    }
}
