package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import java.util.List;

/**
 * What became of one work item: the persons predicted (in box order) and the errors met.
 * {@code width} and {@code height} are the decoded size, 0 when the image was not decoded.
 */
public record ImageOutcome(ImageTask task, int width, int height, List<PersonResult> persons,
                           List<ImageError> errors) {

    public ImageOutcome {
        persons = List.copyOf(persons);
        errors = List.copyOf(errors);
    }
}
