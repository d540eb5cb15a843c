package io.hrnetspark.job.output;

/**
 * The numbers of a run.
 *
 * @param imagesListed           images named by the annotation file or found in the images folder
 * @param imagesWithoutBoxes     listed images without a usable person box (nothing to do; top-down), or
 *                               under an images folder without a number ending their name
 * @param imagesAlreadyDone      images skipped because the output already has them for this model
 * @param imagesAnnotated        images with at least one prediction row in this run
 * @param imagesFailed           images processed in this run without any prediction row
 * @param boxes                  person boxes processed in this run (top-down)
 * @param boxesSkipped           annotations or detections not used as boxes (see the manifest rules)
 * @param detectionsWithoutImage detections whose image id matches no image
 * @param persons                prediction rows written
 * @param personsKept            prediction rows kept by OKS-NMS (all of them for bottom-up)
 * @param masks                  mask rows written (segmentation)
 * @param errorRows              error rows written
 */
public record RunCounts(long imagesListed, long imagesWithoutBoxes, long imagesAlreadyDone, long imagesAnnotated,
                        long imagesFailed, long boxes, long boxesSkipped, long detectionsWithoutImage, long persons,
                        long personsKept, long masks, long errorRows) {
}
