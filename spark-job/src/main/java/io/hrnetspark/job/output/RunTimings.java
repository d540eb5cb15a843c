package io.hrnetspark.job.output;

/** Wall-clock seconds of the phases of a run. */
public record RunTimings(double manifest, double inference, double write, double total) {
}
