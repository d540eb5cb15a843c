package io.hrnetspark.job.manifest;

import static org.apache.spark.sql.functions.count;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the work of a run: images from a COCO annotation file (or a folder listing) joined with person
 * boxes from the same file or from a detections file. The files are read on the driver as streams into
 * Parquet under a staging folder, in batches; choosing, grouping and joining boxes runs on the
 * executors, so the driver's memory does not grow with the dataset.
 */
public final class ManifestReader {

    private final SparkSession spark;
    private final HadoopStorage storage;

    public ManifestReader(SparkSession spark, HadoopStorage storage) {
        this.spark = spark;
        this.storage = storage;
    }

    /**
     * @param imagesRoot  the images folder (listed only when there is no annotation file)
     * @param annotations the COCO annotation file, if any
     * @param staging     a folder of this run for the staged rows
     */
    public Manifest read(Path imagesRoot, Optional<String> annotations, BoxSource boxSource, Path staging) {
        StagedRows images = new StagedRows(spark, ManifestImages.SCHEMA, new Path(staging, "images"));
        StagedRows gtAnnotations = new StagedRows(spark, CocoGroundTruth.ANNOTATIONS, new Path(staging, "annotations"));
        long imagesListed;
        if (annotations.isPresent()) {
            String file = annotations.get();
            parse(file, "Annotation file", "--annotations",
                    in -> CocoGroundTruth.stage(in, file, images, gtAnnotations));
            closeAll(images, gtAnnotations);
            requireDistinctIds(images.read(), file);
            imagesListed = images.count();
        } else if (boxSource instanceof BoxSource.Detections) {
            imagesListed = ImageFolder.stage(storage, imagesRoot, images);
            closeAll(images, gtAnnotations);
            ImageFolder.requireDistinctIds(images.read(), imagesRoot);
        } else {
            throw new InvalidInputException("--boxes gt needs a COCO annotation file; pass it with --annotations.");
        }
        Dataset<Row> listed = images.read();
        Dataset<Row> boxes;
        long boxesSkipped;
        long withoutImage = 0;
        if (boxSource instanceof BoxSource.Detections detections) {
            StagedRows staged = new StagedRows(spark, DetectionResults.DETECTIONS, new Path(staging, "detections"));
            parse(detections.path(), "Detections file", "--boxes",
                    in -> DetectionResults.stage(in, detections.path(), staged));
            staged.close();
            Dataset<Row> all = DetectionResults.personBoxes(staged.read(), detections.scoreThreshold());
            long kept = all.count();
            boxesSkipped = staged.count() - kept;
            Dataset<Row> known = all.join(listed.select("image_id"), "image_id");
            withoutImage = kept - known.count();
            boxes = known;
        } else {
            boxes = CocoGroundTruth.usableBoxes(gtAnnotations.read(), listed, annotations.orElseThrow(),
                    (BoxSource.GroundTruth) boxSource);
            boxesSkipped = gtAnnotations.count() - boxes.count();
        }
        Dataset<Row> tasks = ManifestImages.tasks(listed, boxes);
        long taskCount = tasks.count();
        return new Manifest(tasks, taskCount, imagesListed, imagesListed - taskCount, boxesSkipped, withoutImage);
    }

    /**
     * The work of a head that takes whole images: every image of the COCO annotation file, or every image
     * under the root whose name ends with its id, without boxes.
     */
    public Manifest readImages(Path imagesRoot, Optional<String> annotations, Path staging) {
        StagedRows images = new StagedRows(spark, ManifestImages.SCHEMA, new Path(staging, "images"));
        long imagesListed;
        if (annotations.isPresent()) {
            String file = annotations.get();
            StagedRows gtAnnotations = new StagedRows(spark, CocoGroundTruth.ANNOTATIONS,
                    new Path(staging, "annotations"));
            parse(file, "Annotation file", "--annotations", in -> CocoGroundTruth.stage(in, file, images, gtAnnotations));
            closeAll(images, gtAnnotations);
            requireDistinctIds(images.read(), file);
            imagesListed = images.count();
        } else {
            imagesListed = ImageFolder.stage(storage, imagesRoot, images);
            closeAll(images);
            ImageFolder.requireDistinctIds(images.read(), imagesRoot);
        }
        Dataset<Row> tasks = ManifestImages.withoutBoxes(images.read());
        long taskCount = images.count();
        return new Manifest(tasks, taskCount, imagesListed, imagesListed - taskCount, 0, 0);
    }

    private static void requireDistinctIds(Dataset<Row> images, String file) {
        List<Row> twice = images.groupBy("image_id").agg(count("*").as("entries")).where("entries > 1").limit(1)
                .collectAsList();
        if (!twice.isEmpty()) {
            throw new InvalidInputException("Annotation file " + file + " lists image id " + twice.get(0).getLong(0)
                    + " twice; image ids must be unique.");
        }
    }

    private static void closeAll(StagedRows... rows) {
        for (StagedRows staged : rows) {
            staged.close();
        }
    }

    private void parse(String location, String what, String option, Consumer<InputStream> reader) {
        Path path = storage.driverFile(location);
        try (InputStream in = storage.open(path)) {
            reader.accept(in);
        } catch (FileNotFoundException e) {
            throw new InvalidInputException(what + " " + location + " does not exist; check " + option + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }
}
