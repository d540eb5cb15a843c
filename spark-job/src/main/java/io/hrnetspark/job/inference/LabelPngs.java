package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.seg.LabelMap;
import io.hrnetspark.model.seg.LabelMapPng;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;

/**
 * {@code OUT/labels}: each label map as an 8-bit palette PNG ({@link LabelMapPng}) at the image's
 * relative path with its extension replaced by {@code .png} ({@code a/b/x.jpg} becomes
 * {@code labels/a/b/x.png}). Written by the task before the image's rows are staged, so a committed
 * image always has its PNG; the bytes depend only on the label map, so a retried task or a re-run
 * writes the same file again.
 */
public final class LabelPngs {

    private final HadoopStorage storage;
    private final Path root;
    private final SegmentationClasses classes;

    public LabelPngs(HadoopStorage storage, Path root, SegmentationClasses classes) {
        this.storage = storage;
        this.root = root;
        this.classes = classes;
    }

    /** The PNG's place for an image path relative to the images root. */
    public static String relativePath(String imagePath) {
        int slash = imagePath.lastIndexOf('/');
        int dot = imagePath.lastIndexOf('.');
        return (dot > slash + 1 ? imagePath.substring(0, dot) : imagePath) + ".png";
    }

    void write(ImageTask task, LabelMap labels) {
        Path file = new Path(root, relativePath(task.filePath()));
        try {
            storage.write(file, LabelMapPng.encode(labels, classes));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the label map " + file, e);
        }
    }
}
