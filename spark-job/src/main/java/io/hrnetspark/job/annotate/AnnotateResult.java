package io.hrnetspark.job.annotate;

import io.hrnetspark.job.output.OutputLayout;
import io.hrnetspark.job.output.RunRecord;

/** What a finished annotate run wrote and where. */
public record AnnotateResult(RunRecord run, OutputLayout output) {
}
