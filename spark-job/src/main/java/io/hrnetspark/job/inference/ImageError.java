package io.hrnetspark.job.inference;

/**
 * Why an image or one of its boxes produced no prediction.
 *
 * @param personIndex the box's index for box-level errors, null for the whole image
 */
public record ImageError(ErrorStage stage, Integer personIndex, String errorClass, String message) {

    static ImageError of(ErrorStage stage, Integer personIndex, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return new ImageError(stage, personIndex, error.getClass().getName(), message);
    }
}
