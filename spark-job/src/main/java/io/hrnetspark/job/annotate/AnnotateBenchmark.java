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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the annotate job end to end against the network alone: generates synthetic images,
 * times forward passes of the same network as the job's (config, weights, flip test, batch size,
 * threads) on crops already prepared, from one driver thread, then annotates a few other images (the
 * warm-up: the executors build the network and the JVM compiles the job's code, as the model-only
 * figure's warm-up pass does for the network) and then the measured ones.
 */
public final class AnnotateBenchmark {

    /**
     * @param crops             crops the run predicted
     * @param endToEndSeconds   the whole run: manifest, inference, writing the tables
     * @param inferenceSeconds  the inference phase of the run (partitions streaming through the network)
     * @param modelCrops        crops of the model-only measurement
     * @param modelSeconds      seconds of the model-only measurement (its passes at their median time)
     * @param warmupImages      images annotated before the measured run, not counted
     * @param threads           the network's threads (ND4J and oneDNN) in this JVM
     */
    public record Result(AnnotateResult run, int images, long crops, double endToEndSeconds, double inferenceSeconds,
                         long modelCrops, double modelSeconds, int warmupImages, int threads) {

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
                      model only:  %.1f s   %.2f crops/s   (%d crops in batches of %d samples, %d network threads, crops prepared beforehand, median pass)
                      end to end / model only: %.0f%%
                      inference / model only: %.0f%%   (the same network, threads, batch size and flip test)
                      warm-up: %d other images annotated first, not counted (network built, code compiled)
                    """, images, crops, run.run().settings().master(), run.run().settings().batchSize(),
                    run.run().settings().flipTest(),
                    run.run().modelId(), run.run().randomWeights() ? " (random weights)" : "",
                    endToEndSeconds, images / endToEndSeconds, endToEndCropsPerSecond(),
                    inferenceSeconds, images / inferenceSeconds, crops / inferenceSeconds,
                    modelSeconds, modelCropsPerSecond(), modelCrops, run.run().settings().batchSize(), threads,
                    100 * endToEndCropsPerSecond() / modelCropsPerSecond(),
                    100 * crops / inferenceSeconds / modelCropsPerSecond(), warmupImages);
        }
    }

    private AnnotateBenchmark() {
    }

    /**
     * @param sample       the synthetic data to generate
     * @param workDir      where the sample and the job's output go
     * @param warmupImages images (of another seed) annotated first and not counted; 0 for none
     * @param modelBatches forward passes timed for the model-only figure (after one warm-up pass)
     */
    public static Result run(SparkSession spark, PredictorFactory factory, SyntheticPeople.Spec sample, Path workDir,
                             String config, Optional<String> weights, int batchSize, int warmupImages,
                             int modelBatches) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        SyntheticPeople.Summary data = SyntheticPeople.generate(sample, storage, new Path(workDir, "sample"));
        AnnotateOptions options = options(data, workDir, "annotations", config, weights, batchSize);
        RunModel model = RunModel.load(storage, factory, options);
        double modelSeconds = timeNetworkAlone(spark, storage, factory, model, data, workDir, batchSize, modelBatches);
        if (warmupImages > 0) {
            SyntheticPeople.Summary warmup = SyntheticPeople.generate(new SyntheticPeople.Spec(warmupImages,
                    sample.width(), sample.height(), sample.maxPeople(), sample.seed() + 1), storage,
                    new Path(workDir, "warmup-sample"));
            new AnnotateJob(spark, factory).run(options(warmup, workDir, "warmup-annotations", config, weights,
                    batchSize));
        }
        AnnotateResult run = new AnnotateJob(spark, factory).run(options);
        return new Result(run, sample.images(), run.run().counts().boxes(), run.run().seconds().total(),
                run.run().seconds().inference(), (long) modelBatches * batchSize / (model.flipTest() ? 2 : 1),
                modelSeconds, warmupImages, Nd4j.getEnvironment().maxThreads());
    }

    /**
     * Times the network alone before any job has run: measured after the job, in the same JVM, the same passes ran
     * up to a quarter slower than in {@code bench model}'s own JVM (with its threads less busy; probably the OpenMP
     * runtime spinning less once the executors' task threads own OpenMP threads of their own).
     */
    private static double timeNetworkAlone(SparkSession spark, HadoopStorage storage, PredictorFactory factory,
                                           RunModel model, SyntheticPeople.Summary data, Path workDir, int batchSize,
                                           int modelBatches) {
        @SuppressWarnings("unchecked")
        BatchPredictor<ImageBoxes, ?> network = (BatchPredictor<ImageBoxes, ?>) factory.create(model.spec(), Device.CPU);
        try {
            List<ImageTask> tasks = new ManifestReader(spark, storage).read(data.imagesRoot(),
                    Optional.of(data.annotationsFile().toString()), BoxSource.GroundTruth.official(),
                    new Path(workDir, "model-only-manifest")).tasks().orderBy("image_id").limit(batchSize)
                    .collectAsList().stream().map(ManifestTable::task).toList();
            return timeForwardPasses(network, storage, data.imagesRoot(), tasks, batchSize, modelBatches);
        } finally {
            network.close();
        }
    }

    private static AnnotateOptions options(SyntheticPeople.Summary data, Path workDir, String output, String config,
                                           Optional<String> weights, int batchSize) {
        return new AnnotateOptions(data.imagesRoot().toString(),
                Optional.of(data.annotationsFile().toString()), Optional.empty(), Optional.empty(), config, weights,
                weights.isEmpty(), new Path(workDir, output).toString(), batchSize, Optional.empty(), true,
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32, false);
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
        double[] passes = new double[batches];
        for (int i = 0; i < batches; i++) {
            long start = System.nanoTime();
            closeAll(network.forward(batch));
            passes[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(passes);
        double median = batches % 2 == 1 ? passes[batches / 2] : (passes[batches / 2 - 1] + passes[batches / 2]) / 2;
        return median * batches;
    }

    private static void closeAll(List<SampleOutput> outputs) {
        outputs.forEach(output -> output.maps().forEach(INDArray::close));
    }
}
