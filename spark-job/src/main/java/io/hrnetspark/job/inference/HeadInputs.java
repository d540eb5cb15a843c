package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.PersonBox;
import java.util.List;

/**
 * What partition inference needs to know of a head besides its {@code BatchPredictor<I, R>}: the
 * predictor's input for a decoded image, and which parts of its result become rows.
 *
 * @param <I> the predictor's input
 * @param <R> the predictor's per-image result
 * @param <T> one row's worth of the result (a person, a class mask)
 */
public interface HeadInputs<I, R, T> {

    /** Whether the head estimates in the task's person boxes (checked one by one before preparing). */
    boolean takesBoxes();

    /** The predictor's input; {@code boxes} are those of the task that can be cropped (none without boxes). */
    I input(RgbImage image, List<PersonBox> boxes);

    /**
     * The rows-to-be of one image's result, in order; values that are not finite numbers become
     * {@link ErrorStage#PREDICT} errors added to {@code errors}, never rows. Runs on the task thread.
     *
     * @param boxIndices the task's index of each box given to {@link #input}
     */
    List<T> results(ImageTask task, List<Integer> boxIndices, R result, List<ImageError> errors);

    /** Whether a pose has only finite keypoint values and score. */
    static boolean finite(float[][] keypoints, double score) {
        if (!Double.isFinite(score)) {
            return false;
        }
        for (float[] keypoint : keypoints) {
            for (float value : keypoint) {
                if (!Float.isFinite(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The error of a pose that is not finite. */
    static ImageError notFinite(String what, int index, ImageTask task, String cause) {
        return new ImageError(ErrorStage.PREDICT, index, ArithmeticException.class.getName(),
                "The pose of " + what + " " + index + " of " + task.filePath()
                        + " has a value that is not a finite number" + cause + "; it was not written.");
    }
}
