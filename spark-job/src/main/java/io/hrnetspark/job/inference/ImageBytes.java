package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.storage.StoredFile;
import java.io.IOException;

/** Reads the encoded file of a work item's image. */
@FunctionalInterface
public interface ImageBytes {

    StoredFile read(ImageTask task) throws IOException;
}
