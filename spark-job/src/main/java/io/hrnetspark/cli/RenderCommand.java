package io.hrnetspark.cli;

import io.hrnetspark.job.output.LocalPredictions;
import io.hrnetspark.job.render.FirstImages;
import io.hrnetspark.job.render.RenderJob;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark render}: skeletons and scores drawn on images. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Draws predictions (skeletons and scores) on images as PNG.",
            "Draws annotate's predictions (box, skeleton, keypoints, score) on the first images by id and "
                + "writes them as PNG files named by image id."})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "DIR",
            description = "The predictions directory of an annotate run (OUT/predictions, or OUT).")
    String predictions;

    @Option(names = "--images", required = true, paramLabel = "ROOT", description = "The images root annotate read.")
    String images;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the PNG files.")
    String output;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Images to render (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "Skeleton to draw: coco (17 keypoints) or crowdpose (14); default: the one whose"
                    + " keypoint count the predictions have.")
    String dataset;

    @Option(names = "--model-id", paramLabel = "ID", description = "Model to render when the predictions hold several.")
    String modelId;

    @Option(names = "--keypoint-threshold", defaultValue = "0.2", paramLabel = "T",
            description = "Keypoints with a lower score are not drawn (default ${DEFAULT-VALUE}).")
    double keypointThreshold;

    @Option(names = "--all-persons", description = "Also draw the persons OKS-NMS suppressed.")
    boolean allPersons;

    @Option(names = "--master", paramLabel = "URL", description = "Not used: render reads the predictions in this"
            + " process, without Spark; accepted for scripts written before.")
    String master;

    @Override
    public Integer call() {
        if (dataset != null) {
            try {
                KeypointSpec.byName(dataset);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
        }
        if (limit < 1) {
            throw new InvalidInputException("--limit must be at least 1, got " + limit + ".");
        }
        HadoopStorage storage = HadoopStorage.withoutSpark();
        FirstImages first = new FirstImages(limit, !allPersons);
        LocalPredictions.read(storage, predictions, Optional.ofNullable(modelId), first);
        KeypointSpec skeleton = RenderJob.skeleton(first.keypointCounts(), Optional.ofNullable(dataset), predictions);
        RenderJob.Result result = new RenderJob(storage, skeleton, keypointThreshold).run(first.images(),
                storage.qualified(images), storage.qualified(output));
        spec.commandLine().getOut().printf("Rendered %d images to %s%s%n", result.written().size(),
                storage.qualified(output),
                result.failed().isEmpty() ? "" : "; could not read " + String.join(", ", result.failed()));
        return 0;
    }
}
