package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.storage.FileVersion;
import java.util.List;

/**
 * What became of one work item: the persons predicted (in box order) and the errors met.
 * {@code width} and {@code height} are the decoded size, 0 when the image was not decoded;
 * {@code file} the version of the file read, null when it could not be read.
 */
public record ImageOutcome(ImageTask task, FileVersion file, int width, int height, List<PersonResult> persons,
                           List<ImageError> errors) {

    public ImageOutcome {
        persons = List.copyOf(persons);
        errors = List.copyOf(errors);
    }

    /** The error that stopped the whole image (reading or decoding it), or null. */
    public ImageError fatalError() {
        return errors.stream().filter(e -> e.personIndex() == null).findFirst().orElse(null);
    }
}
