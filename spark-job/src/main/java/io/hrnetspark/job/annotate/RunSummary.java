package io.hrnetspark.job.annotate;

import io.hrnetspark.job.output.OutputLayout;
import io.hrnetspark.job.output.RunCounts;
import io.hrnetspark.job.output.RunRecord;
import java.util.Locale;

/** The short summary the annotate command prints at the end of a run. */
public final class RunSummary {

    private RunSummary() {
    }

    public static String of(AnnotateResult result) {
        RunRecord run = result.run();
        RunCounts c = run.counts();
        OutputLayout out = result.output();
        double seconds = run.seconds().total();
        double inference = run.seconds().inference();
        return String.format(Locale.ROOT, """
                Run %s of model %s finished in %.1f s%s.
                  images:  %d listed, %d annotated, %d failed, %d already done, %d without boxes
                  persons: %d predicted from %d boxes (%d kept by OKS-NMS), %.2f images/s and %.2f crops/s in inference
                  errors:  %d rows
                  commits: %d chunks
                Results (Delta tables):
                  %s
                  %s
                  %s
                  %s
                """, run.runId(), run.modelId(), seconds, run.randomWeights() ? " with RANDOM weights" : "",
                c.imagesListed(), c.imagesAnnotated(), c.imagesFailed(), c.imagesAlreadyDone(), c.imagesWithoutBoxes(),
                c.persons(), c.boxes(), c.personsKept(),
                inference > 0 ? (c.imagesAnnotated() + c.imagesFailed()) / inference : 0,
                inference > 0 ? c.boxes() / inference : 0, c.errorRows(), run.commits().size(),
                out.predictions(), out.errors(), out.images(), out.runs());
    }
}
