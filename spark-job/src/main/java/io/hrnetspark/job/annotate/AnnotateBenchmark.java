package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.DecodedImage;
import io.hrnetspark.job.inference.Device;
import io.hrnetspark.job.inference.PoseBatchModel;
import io.hrnetspark.job.inference.PoseModelFactory;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.ManifestReader;
import io.hrnetspark.job.manifest.ManifestTable;
import io.hrnetspark.job.manifest.TaskBox;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.net.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Measures the annotate job end to end against the network alone: generates synthetic images,
 * annotates them on the given Spark session, then times forward passes of the same network (config,
 * weights, flip test, batch size) on crops already prepared, on one thread of the driver.
 */
public final class AnnotateBenchmark {

    /**
     * @param crops             crops the run predicted
     * @param endToEndSeconds   the whole run: manifest, inference, writing the tables
     * @param inferenceSeconds  the inference phase of the run (partitions streaming through the network)
     * @param modelCrops        crops of the model-only measurement
     * @param modelSeconds      seconds of the model-only measurement
     */
    public record Result(AnnotateResult run, int images, long crops, double endToEndSeconds, double inferenceSeconds,
                         long modelCrops, double modelSeconds) {

        public double endToEndCropsPerSecond() {
            return crops / endToEndSeconds;
        }

        public double modelCropsPerSecond() {
            return modelCrops / modelSeconds;
        }

        public String report() {
            return String.format(Locale.ROOT, """
                    bench annotate: %d images, %d crops, master %s, batch %d, flip test %s, model %s%s
                      end to end:  %.1f s   %.2f images/s   %.2f crops/s
                      inference:   %.1f s   %.2f images/s   %.2f crops/s   (the job's inference phase)
                      model only:  %.1f s   %.2f crops/s   (%d crops in batches of %d, one thread, crops prepared beforehand)
                      end to end / model only: %.0f%%
                    """, images, crops, run.run().settings().master(), run.run().settings().batchSize(),
                    run.run().settings().flipTest(),
                    run.run().modelId(), run.run().randomWeights() ? " (random weights)" : "",
                    endToEndSeconds, images / endToEndSeconds, endToEndCropsPerSecond(),
                    inferenceSeconds, images / inferenceSeconds, crops / inferenceSeconds,
                    modelSeconds, modelCropsPerSecond(), modelCrops, run.run().settings().batchSize(),
                    100 * endToEndCropsPerSecond() / modelCropsPerSecond());
        }
    }

    private AnnotateBenchmark() {
    }

    /**
     * @param sample       the synthetic data to generate
     * @param workDir      where the sample and the job's output go
     * @param modelBatches forward passes timed for the model-only figure (after one warm-up pass)
     */
    public static Result run(SparkSession spark, PoseModelFactory factory, SyntheticPeople.Spec sample, Path workDir,
                             String config, Optional<String> weights, int batchSize, int modelBatches) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        SyntheticPeople.Summary data = SyntheticPeople.generate(sample, storage, new Path(workDir, "sample"));
        AnnotateOptions options = new AnnotateOptions(data.imagesRoot().toString(),
                Optional.of(data.annotationsFile().toString()), Optional.empty(), Optional.empty(), config, weights,
                weights.isEmpty(), new Path(workDir, "annotations").toString(), batchSize, Optional.empty(), true,
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32);
        AnnotateResult run = new AnnotateJob(spark, factory).run(options);

        RunModel model = RunModel.load(storage, factory, options);
        PoseBatchModel<?, ?> network = factory.create(model.spec(), Device.CPU);
        try {
            List<ImageTask> tasks = new ManifestReader(spark, storage).read(data.imagesRoot(),
                    Optional.of(data.annotationsFile().toString()), new BoxSource.GroundTruth(),
                    new Path(workDir, "model-only-manifest")).tasks().orderBy("image_id").limit(batchSize)
                    .collectAsList().stream().map(ManifestTable::task).toList();
            double modelSeconds = timeForwardPasses(network, storage, data.imagesRoot(), tasks, batchSize,
                    modelBatches);
            return new Result(run, sample.images(), run.run().counts().boxes(), run.run().seconds().total(),
                    run.run().seconds().inference(), (long) modelBatches * batchSize, modelSeconds);
        } finally {
            network.close();
        }
    }

    private static <I extends DecodedImage, C> double timeForwardPasses(PoseBatchModel<I, C> network,
                                                                        HadoopStorage storage, Path imagesRoot,
                                                                        List<ImageTask> tasks, int batchSize,
                                                                        int batches) {
        List<C> crops = new ArrayList<>(batchSize);
        for (ImageTask task : tasks) {
            if (crops.size() >= batchSize) {
                break;
            }
            byte[] bytes;
            try {
                bytes = storage.readAll(new Path(imagesRoot, task.filePath()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (I decoded = network.decode(bytes, task.filePath())) {
                for (TaskBox box : task.boxes()) {
                    crops.add(network.prepare(decoded, box));
                }
            }
        }
        if (crops.isEmpty()) {
            throw new IllegalStateException("The sample has no person to crop");
        }
        for (int i = 0; crops.size() < batchSize; i++) {
            crops.add(crops.get(i));
        }
        List<C> batch = crops.subList(0, batchSize);
        network.predict(batch);
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            network.predict(batch);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
