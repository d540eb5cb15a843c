package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.Device;
import io.hrnetspark.job.inference.PredictorFactory;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.ManifestReader;
import io.hrnetspark.job.manifest.ManifestTable;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.model.pose.ImageBoxes;
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.predict.NetworkSample;
import io.hrnetspark.model.predict.SampleOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;

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
                      model only:  %.1f s   %.2f crops/s   (%d crops in batches of %d samples, one thread, crops prepared beforehand)
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
    public static Result run(SparkSession spark, PredictorFactory factory, SyntheticPeople.Spec sample, Path workDir,
                             String config, Optional<String> weights, int batchSize, int modelBatches) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        SyntheticPeople.Summary data = SyntheticPeople.generate(sample, storage, new Path(workDir, "sample"));
        AnnotateOptions options = new AnnotateOptions(data.imagesRoot().toString(),
                Optional.of(data.annotationsFile().toString()), Optional.empty(), Optional.empty(), config, weights,
                weights.isEmpty(), new Path(workDir, "annotations").toString(), batchSize, Optional.empty(), true,
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32, false);
        AnnotateResult run = new AnnotateJob(spark, factory).run(options);

        RunModel model = RunModel.load(storage, factory, options);
        @SuppressWarnings("unchecked")
        BatchPredictor<ImageBoxes, ?> network = (BatchPredictor<ImageBoxes, ?>) factory.create(model.spec(), Device.CPU);
        try {
            List<ImageTask> tasks = new ManifestReader(spark, storage).read(data.imagesRoot(),
                    Optional.of(data.annotationsFile().toString()), BoxSource.GroundTruth.official(),
                    new Path(workDir, "model-only-manifest")).tasks().orderBy("image_id").limit(batchSize)
                    .collectAsList().stream().map(ManifestTable::task).toList();
            double modelSeconds = timeForwardPasses(network, storage, data.imagesRoot(), tasks, batchSize,
                    modelBatches);
            return new Result(run, sample.images(), run.run().counts().boxes(), run.run().seconds().total(),
                    run.run().seconds().inference(), (long) modelBatches * batchSize / (model.flipTest() ? 2 : 1), modelSeconds);
        } finally {
            network.close();
        }
    }

    private static double timeForwardPasses(BatchPredictor<ImageBoxes, ?> network, HadoopStorage storage,
                                            Path imagesRoot, List<ImageTask> tasks, int batchSize, int batches) {
        List<NetworkSample> samples = new ArrayList<>(batchSize);
        for (ImageTask task : tasks) {
            if (samples.size() >= batchSize) {
                break;
            }
            byte[] bytes;
            try {
                bytes = storage.readAll(new Path(imagesRoot, task.filePath()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (RgbImage decoded = RgbImage.decode(bytes, task.filePath())) {
                samples.addAll(network.prepare(new ImageBoxes(decoded, task.boxes())).samples());
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("The sample has no person to crop");
        }
        for (int i = 0; samples.size() < batchSize; i++) {
            samples.add(samples.get(i));
        }
        List<NetworkSample> batch = samples.subList(0, batchSize);
        closeAll(network.forward(batch));
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            closeAll(network.forward(batch));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void closeAll(List<SampleOutput> outputs) {
        outputs.forEach(output -> output.maps().forEach(INDArray::close));
    }
}
