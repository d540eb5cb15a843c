package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.ModelSettings;
import io.hrnetspark.job.output.OutputLayout;
import io.hrnetspark.job.output.RunRecord;

/** What a finished annotate run wrote and where, and the settings of its model's config. */
public record AnnotateResult(RunRecord run, OutputLayout output, ModelSettings model) {
}
