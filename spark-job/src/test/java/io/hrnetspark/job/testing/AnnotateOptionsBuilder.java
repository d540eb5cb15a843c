package io.hrnetspark.job.testing;

import io.hrnetspark.job.annotate.AnnotateOptions;
import io.hrnetspark.model.net.Precision;
import java.util.Optional;

/** Annotate options for tests: the required three, defaults for the rest, fluent changes. */
public final class AnnotateOptionsBuilder {

    private final String images;
    private final String config;
    private final String output;
    private String annotations;
    private String boxes;
    private Double boxScoreThreshold;
    private String weights;
    private int batchSize = AnnotateOptions.DEFAULT_BATCH_SIZE;
    private boolean overwrite;
    private Integer partitions;
    private String modelId;
    private Integer commitEvery;
    private boolean retryErrors;
    private long maxImagePixels = AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS;
    private Precision precision = Precision.FP32;

    private AnnotateOptionsBuilder(String images, String config, String output) {
        this.images = images;
        this.config = config;
        this.output = output;
    }

    /** Random weights unless {@link #weights} is given. */
    public static AnnotateOptionsBuilder of(String images, String config, String output) {
        return new AnnotateOptionsBuilder(images, config, output);
    }

    public AnnotateOptionsBuilder annotations(String file) {
        this.annotations = file;
        return this;
    }

    public AnnotateOptionsBuilder boxes(String source) {
        this.boxes = source;
        return this;
    }

    public AnnotateOptionsBuilder boxScoreThreshold(Double threshold) {
        this.boxScoreThreshold = threshold;
        return this;
    }

    public AnnotateOptionsBuilder weights(String file) {
        this.weights = file;
        return this;
    }

    public AnnotateOptionsBuilder batchSize(int size) {
        this.batchSize = size;
        return this;
    }

    public AnnotateOptionsBuilder overwrite(boolean redo) {
        this.overwrite = redo;
        return this;
    }

    public AnnotateOptionsBuilder partitions(Integer count) {
        this.partitions = count;
        return this;
    }

    public AnnotateOptionsBuilder modelId(String id) {
        this.modelId = id;
        return this;
    }

    public AnnotateOptionsBuilder commitEvery(Integer images) {
        this.commitEvery = images;
        return this;
    }

    public AnnotateOptionsBuilder retryErrors(boolean retry) {
        this.retryErrors = retry;
        return this;
    }

    public AnnotateOptionsBuilder maxImagePixels(long pixels) {
        this.maxImagePixels = pixels;
        return this;
    }

    public AnnotateOptionsBuilder precision(Precision arithmetic) {
        this.precision = arithmetic;
        return this;
    }

    public AnnotateOptions build() {
        return new AnnotateOptions(images, Optional.ofNullable(annotations), Optional.ofNullable(boxes),
                Optional.ofNullable(boxScoreThreshold), config, Optional.ofNullable(weights), weights == null, output,
                batchSize, Optional.empty(), overwrite, Optional.empty(), Optional.ofNullable(partitions),
                Optional.ofNullable(modelId), false, Optional.ofNullable(commitEvery), retryErrors, maxImagePixels, precision);
    }
}
