package io.hrnetspark.job.render;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the predictions of the first images (by id) on the images and writes them as PNG files
 * named by image id ({@code 000000397133.png}) into the output directory.
 */
public final class RenderJob {

    private static final Logger LOG = LoggerFactory.getLogger(RenderJob.class);

    /** What was rendered: the files written and the images that could not be read or decoded. */
    public record Result(List<Path> written, List<String> failed) {
    }

    private final HadoopStorage storage;
    private final SkeletonRenderer renderer;

    public RenderJob(HadoopStorage storage, KeypointSpec spec, double keypointThreshold) {
        this.storage = storage;
        this.renderer = new SkeletonRenderer(spec, keypointThreshold);
    }

    /**
     * The keypoint layout whose skeleton to draw: the named dataset's, or without one the dataset whose
     * keypoint count the predictions have (COCO for 17, CrowdPose for 14). A count that does not fit is one
     * sentence naming the counts and what to do.
     */
    public static KeypointSpec skeleton(Dataset<Row> predictions, Optional<String> dataset, String location) {
        List<Integer> counts = predictions.select(size(col("keypoints"))).distinct().orderBy(size(col("keypoints")))
                .collectAsList().stream().map(r -> r.getInt(0)).toList();
        if (counts.size() > 1) {
            throw new InvalidInputException("Predictions " + location + " mix people of " + counts.stream()
                    .map(String::valueOf).collect(Collectors.joining(" and ")) + " keypoints; render one model's"
                    + " predictions at a time (--model-id).");
        }
        if (counts.isEmpty()) {
            return dataset.map(KeypointSpec::byName).orElse(KeypointSpec.COCO);
        }
        int count = counts.get(0);
        if (dataset.isPresent()) {
            KeypointSpec named = KeypointSpec.byName(dataset.get());
            if (named.numKeypoints() != count) {
                throw new InvalidInputException("Predictions " + location + " have " + count + " keypoints per"
                        + " person but the " + named.name() + " skeleton joins " + named.numKeypoints() + "; "
                        + named.adviceFor(count) + (KeypointSpec.withKeypoints(count).isPresent()
                        ? " or leave --dataset out to follow the keypoint count" : "") + ".");
            }
            return named;
        }
        return KeypointSpec.withKeypoints(count).orElseThrow(() -> new InvalidInputException("Predictions "
                + location + " have " + count + " keypoints per person, but render draws the COCO (17) and"
                + " CrowdPose (14) skeletons only."));
    }

    public Result run(Dataset<Row> predictions, Path imagesRoot, Path output, int limit, boolean keptOnly) {
        Dataset<Row> selected = keptOnly ? predictions.where(col("nms_kept")) : predictions;
        List<Long> imageIds = selected.select("image_id").distinct().orderBy("image_id").limit(limit)
                .collectAsList().stream().map(r -> r.getLong(0)).toList();
        Map<Long, List<Row>> byImage = new LinkedHashMap<>();
        imageIds.forEach(id -> byImage.put(id, new ArrayList<>()));
        if (!imageIds.isEmpty()) {
            selected.where(col("image_id").isin(imageIds.toArray())).orderBy("image_id", "person_index")
                    .collectAsList().forEach(row -> byImage.get(row.getLong(row.fieldIndex("image_id"))).add(row));
        }
        List<Path> written = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<Long, List<Row>> image : byImage.entrySet()) {
            String filePath = image.getValue().get(0).getString(image.getValue().get(0).fieldIndex("file_path"));
            try {
                BufferedImage decoded = SkeletonRenderer.decode(storage.readAll(new Path(imagesRoot, filePath)), filePath);
                BufferedImage drawn = renderer.render(decoded, persons(image.getValue()));
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(drawn, "png", png);
                Path target = new Path(output, String.format("%012d.png", image.getKey()));
                storage.write(target, png.toByteArray());
                written.add(target);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot render image {} ({}): {}", image.getKey(), filePath, e.getMessage());
                failed.add(filePath);
            }
        }
        return new Result(written, failed);
    }

    private static List<RenderedPerson> persons(List<Row> rows) {
        List<RenderedPerson> persons = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Row box = row.getStruct(row.fieldIndex("box"));
            List<Row> points = row.getList(row.fieldIndex("keypoints"));
            float[][] keypoints = new float[points.size()][];
            for (int k = 0; k < keypoints.length; k++) {
                Row p = points.get(k);
                keypoints[k] = new float[] {p.getFloat(0), p.getFloat(1), p.getFloat(2)};
            }
            persons.add(RenderedPerson.scored(new double[] {box.getDouble(0), box.getDouble(1), box.getDouble(2),
                box.getDouble(3)}, keypoints, row.getDouble(row.fieldIndex("score"))));
        }
        return persons;
    }
}
