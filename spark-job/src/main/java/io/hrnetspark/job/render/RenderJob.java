package io.hrnetspark.job.render;

import io.hrnetspark.job.output.StoredPerson;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;
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
    public static KeypointSpec skeleton(SortedSet<Integer> keypointCounts, Optional<String> dataset, String location) {
        List<Integer> counts = List.copyOf(keypointCounts);
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

    /** @param byImage the persons to draw by image id, in the order to render */
    public Result run(Map<Long, List<StoredPerson>> byImage, Path imagesRoot, Path output) {
        List<Path> written = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<Long, List<StoredPerson>> image : byImage.entrySet()) {
            String filePath = image.getValue().get(0).filePath();
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

    private static List<RenderedPerson> persons(List<StoredPerson> stored) {
        return stored.stream().map(p -> RenderedPerson.scored(p.box(), p.keypoints(), p.score())).toList();
    }
}
