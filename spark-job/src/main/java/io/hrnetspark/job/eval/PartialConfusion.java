package io.hrnetspark.job.eval;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.seg.ConfusionMatrix;
import io.hrnetspark.model.seg.LabelMapping;
import java.io.Serializable;

/**
 * The confusion matrix of some images, with what could not be scored: images whose ground-truth label
 * PNG is missing, and images whose masks or label PNG are unusable. Of each problem only the one of the
 * lowest image id is kept, so the sentence the driver prints does not depend on the partitioning.
 *
 * @param images            images scored
 * @param unpredictedPixels scored ground-truth pixels no mask covered
 * @param missing           images without a ground-truth file
 * @param firstMissing      the missing image of lowest id ("Image 3 (a.png) has no ground-truth label file
 *                          ROOT/a.png", no full stop), null when none
 * @param invalid           images with unusable masks or ground truth
 * @param firstInvalid      the sentence (with full stop) for the invalid image of lowest id, null when none
 */
record PartialConfusion(ConfusionMatrix matrix, long images, long unpredictedPixels,
                        long missing, Problem firstMissing, long invalid, Problem firstInvalid)
        implements Serializable {

    /** One image that could not be scored and why, in one sentence. */
    record Problem(long imageId, String sentence) implements Serializable {

        static Problem first(Problem a, Problem b) {
            return a == null ? b : b == null ? a : a.imageId() <= b.imageId() ? a : b;
        }
    }

    static PartialConfusion empty(int numClasses) {
        return new PartialConfusion(new ConfusionMatrix(numClasses, LabelMapping.IGNORE_LABEL), 0, 0, 0, null, 0,
                null);
    }

    PartialConfusion plus(PartialConfusion other) {
        matrix.add(other.matrix);
        return new PartialConfusion(matrix, images + other.images, unpredictedPixels + other.unpredictedPixels,
                missing + other.missing, Problem.first(firstMissing, other.firstMissing),
                invalid + other.invalid, Problem.first(firstInvalid, other.firstInvalid));
    }

    /** Refuses, in one sentence, to report scores when an image could not be scored. */
    void refuseProblems(LabelMapping mapping) {
        if (missing > 0) {
            throw new InvalidInputException(firstMissing.sentence() + (missing > 1 ? " (nor do " + (missing - 1)
                    + " more images)" : "") + "; give --gt-labels the root of the label files, named as the "
                    + mapping.label() + " label map expects (README: evaluate --type miou).");
        }
        if (invalid > 0) {
            String sentence = firstInvalid.sentence();
            throw new InvalidInputException(invalid == 1 ? sentence
                    : sentence.substring(0, sentence.length() - 1) + " (and " + (invalid - 1)
                    + " more images cannot be scored).");
        }
    }
}
