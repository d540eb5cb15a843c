package io.hrnetspark.job.annotate;

import io.hrnetspark.job.output.OutputLayout;
import io.hrnetspark.job.output.RunCounts;
import io.hrnetspark.job.output.RunRecord;
import java.util.List;
import java.util.Locale;

/** The short summary the annotate command prints at the end of a run. */
public final class RunSummary {

    private RunSummary() {
    }

    /** How many listed images had no work, and why when there were any (by box source). */
    static String withoutWork(long images, String boxSource) {
        String reason = switch (boxSource) {
            case "gt" -> " (no non-crowd person with a labelled keypoint, the official test's rule; --boxes gt-all"
                    + " takes every person box)";
            case "gt-all" -> " (no non-crowd person box)";
            case "detections" -> " (no person detection at or above the score threshold)";
            default -> "";
        };
        String what = "none".equals(boxSource) ? "without an image id" : "without boxes";
        return images + " " + what + (images == 0 ? "" : reason);
    }

    static String chunks(int commits) {
        return commits + (commits == 1 ? " chunk" : " chunks");
    }

    /**
     * Where the tasks computed, and a warning when Spark gave them GPUs that the CPU backend left idle (a
     * jar built without {@code -Pcuda} on GPU executors; the executors' logs say so too, but nobody reads them).
     */
    static String devices(List<String> devices) {
        String line = String.format(Locale.ROOT, "  devices: %s%n", devices.isEmpty() ? "none" : String.join(", ", devices));
        if (devices.stream().noneMatch(d -> d.endsWith(PartitionAnnotator.CPU_BACKEND_ON_GPU))) {
            return line;
        }
        return line + String.format(Locale.ROOT, "  WARNING: Spark gave this run's tasks GPUs, but they computed on the CPU"
                + " because hrnet-spark.jar was built without the CUDA backend; rebuild it with"
                + " mvn -B -Pcuda -DskipTests package.%n");
    }

    public static String of(AnnotateResult result) {
        RunRecord run = result.run();
        RunCounts c = run.counts();
        OutputLayout out = result.output();
        double seconds = run.seconds().total();
        double inference = run.seconds().inference();
        double imagesPerSecond = inference > 0 ? (c.imagesAnnotated() + c.imagesFailed()) / inference : 0;
        boolean masks = "segmentation".equals(run.settings().head());
        boolean boxes = !"none".equals(run.settings().boxSource());
        String results;
        if (masks) {
            results = String.format(Locale.ROOT, "  masks:   %d class masks, %.2f images/s in inference%n", c.masks(),
                    imagesPerSecond);
        } else if (boxes) {
            results = String.format(Locale.ROOT, "  persons: %d predicted from %d boxes (%d kept by OKS-NMS), %.2f "
                    + "images/s and %.2f crops/s in inference%n", c.persons(), c.boxes(), c.personsKept(),
                    imagesPerSecond, inference > 0 ? c.boxes() / inference : 0);
        } else {
            results = String.format(Locale.ROOT, "  persons: %d found, %.2f images/s in inference%n", c.persons(),
                    imagesPerSecond);
        }
        return String.format(Locale.ROOT, """
                Run %s of model %s finished in %.1f s%s.
                  head:    %s
                  images:  %d listed, %d annotated, %d failed, %d already done, %s
                %s%s  errors:  %d rows
                  commits: %s
                Results (Delta tables):
                  %s
                  %s
                  %s
                  %s
                """, run.runId(), run.modelId(), seconds,
                run.randomWeights() ? " with RANDOM weights" : "", run.settings().head(),
                c.imagesListed(), c.imagesAnnotated(), c.imagesFailed(), c.imagesAlreadyDone(),
                withoutWork(c.imagesWithoutBoxes(), run.settings().boxSource()), results, devices(run.devices()),
                c.errorRows(), chunks(run.commits().size()),
                masks ? out.masks() : out.predictions(), out.errors(), out.images(), out.runs());
    }
}
