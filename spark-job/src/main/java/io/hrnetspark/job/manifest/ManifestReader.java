package io.hrnetspark.job.manifest;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;

/**
 * Builds the work of a run on the driver: images from a COCO annotation file (or a folder listing)
 * joined with person boxes from the same file or from a detections file.
 */
public final class ManifestReader {

    private final HadoopStorage storage;

    public ManifestReader(HadoopStorage storage) {
        this.storage = storage;
    }

    /**
     * @param imagesRoot  the images folder (listed only when there is no annotation file)
     * @param annotations the COCO annotation file, if any
     */
    public Manifest read(Path imagesRoot, Optional<String> annotations, BoxSource boxSource) {
        Optional<CocoGroundTruth> groundTruth =
                annotations.map(file -> parse(file, "Annotation file", "--annotations",
                        in -> CocoGroundTruth.read(in, file)));
        if (boxSource instanceof BoxSource.Detections detections) {
            DetectionResults results = parse(detections.path(), "Detections file", "--boxes",
                    in -> DetectionResults.read(in, detections.path(), detections.scoreThreshold()));
            if (groundTruth.isPresent()) {
                Map<Long, String> images = groundTruth.get().images();
                return manifest(images, results.boxes(), images.size(), results.boxesSkipped());
            }
            ImageFolder folder = ImageFolder.list(storage, imagesRoot);
            return manifest(folder.imagesById(), results.boxes(), folder.imageFiles(), results.boxesSkipped());
        }
        CocoGroundTruth truth = groundTruth.orElseThrow(() -> new InvalidInputException(
                "--boxes gt needs a COCO annotation file; pass it with --annotations."));
        return manifest(truth.images(), truth.boxes(), truth.images().size(), truth.boxesSkipped());
    }

    private static Manifest manifest(Map<Long, String> images, Map<Long, List<TaskBox>> boxes, long imagesListed,
                                     long boxesSkipped) {
        List<ImageTask> tasks = new ArrayList<>();
        long withoutImage = 0;
        for (Map.Entry<Long, List<TaskBox>> entry : boxes.entrySet()) {
            String path = images.get(entry.getKey());
            if (path == null) {
                withoutImage += entry.getValue().size();
            } else {
                tasks.add(new ImageTask(entry.getKey(), path, entry.getValue()));
            }
        }
        tasks.sort(Comparator.comparingLong(ImageTask::imageId));
        return new Manifest(tasks, imagesListed, imagesListed - tasks.size(), boxesSkipped, withoutImage);
    }

    private <T> T parse(String location, String what, String option, Function<InputStream, T> reader) {
        Path path = storage.driverFile(location);
        try (InputStream in = storage.open(path)) {
            return reader.apply(in);
        } catch (FileNotFoundException e) {
            throw new InvalidInputException(what + " " + location + " does not exist; check " + option + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }
}
