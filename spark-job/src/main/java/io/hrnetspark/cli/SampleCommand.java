package io.hrnetspark.cli;

import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.synthetic.SyntheticScenes;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark sample}: a synthetic COCO person-keypoint dataset of any size. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Generates a synthetic COCO person-keypoint dataset (images, annotations, detections).",
            "The images are PNG scenes of articulated figures (standing, walking, arms raised, sitting, free "
                + "poses; front, three-quarter and side views) with faces, partly hidden by each other and by "
                + "objects, on cluttered backgrounds.",
            "The annotations give the 17 COCO keypoints (visibility 2 visible, 1 hidden, 0 outside the "
                + "image), box, area and mask of each person; the detections are the people's boxes, jittered, "
                + "plus one low-score false positive per image. Image n is the same for a seed whatever N is. For "
                + "demos, training the demo model and scale tests.",
            "Writes OUT/images/, OUT/annotations.json and OUT/detections.json (any Hadoop path)."})
public final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "Output directory.")
    String output;

    @Option(names = "--images", defaultValue = "16", paramLabel = "N", description = "Number of images (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--width", defaultValue = "640", paramLabel = "W", description = "Image width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "480", paramLabel = "H", description = "Image height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--max-people", defaultValue = "3", paramLabel = "K",
            description = "People per image are 1..K (default ${DEFAULT-VALUE}).")
    int maxPeople;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (images < 1 || width < 32 || height < 32 || maxPeople < 1 || maxPeople > SyntheticScenes.MAX_PEOPLE) {
            throw new InvalidInputException("sample needs --images of at least 1, --width and --height of at least 32 "
                    + "and --max-people from 1 to " + SyntheticScenes.MAX_PEOPLE + ".");
        }
        HadoopStorage storage = new HadoopStorage(new Configuration());
        SyntheticPeople.Summary summary = SyntheticPeople.generate(
                new SyntheticPeople.Spec(images, width, height, maxPeople, seed), storage, storage.qualified(output));
        spec.commandLine().getOut().printf(
                "Generated %d images with %d people with labelled keypoints (%d detections):%n  %s%n  %s%n  %s%n",
                summary.images(), summary.people(), summary.detectionCount(), summary.imagesRoot(),
                summary.annotationsFile(), summary.detectionsFile());
        return 0;
    }
}
