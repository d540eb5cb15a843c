package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.AnnotationProgress;
import io.hrnetspark.job.inference.DecodedImage;
import io.hrnetspark.job.inference.Device;
import io.hrnetspark.job.inference.DeviceBinder;
import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.inference.ImageBytes;
import io.hrnetspark.job.inference.ModelKey;
import io.hrnetspark.job.inference.ModelSpec;
import io.hrnetspark.job.inference.PoseBatchModel;
import io.hrnetspark.job.inference.PoseModelFactory;
import io.hrnetspark.job.inference.StreamingAnnotator;
import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.output.StagingTable;
import io.hrnetspark.job.storage.HadoopStorage;
import java.util.Iterator;
import java.util.concurrent.ThreadFactory;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Runs in each partition: binds the task to its device, takes this executor's network for the run's
 * model (building it from the broadcast spec on first use) and streams the partition's work items
 * through {@link StreamingAnnotator} into staging rows.
 */
final class PartitionAnnotator implements FlatMapFunction<Iterator<ImageTask>, Row> {

    /** The per-run settings partitions need, small enough to travel with every task. */
    record Settings(ModelKey key, String imagesRoot, int batchSize, String runId, String modelId,
                    long maxImagePixels) implements java.io.Serializable {
    }

    private final Settings settings;
    private final Broadcast<ModelSpec> spec;
    private final Broadcast<SerializableConfiguration> hadoopConf;
    private final PoseModelFactory factory;
    private final LongAccumulator imagesDone;
    private final LongAccumulator cropsDone;
    private final CollectionAccumulator<String> devices;

    PartitionAnnotator(Settings settings, Broadcast<ModelSpec> spec, Broadcast<SerializableConfiguration> hadoopConf,
                       PoseModelFactory factory, LongAccumulator imagesDone, LongAccumulator cropsDone,
                       CollectionAccumulator<String> devices) {
        this.settings = settings;
        this.spec = spec;
        this.hadoopConf = hadoopConf;
        this.factory = factory;
        this.imagesDone = imagesDone;
        this.cropsDone = cropsDone;
        this.devices = devices;
    }

    @Override
    public Iterator<Row> call(Iterator<ImageTask> tasks) {
        TaskContext context = TaskContext.get();
        DeviceBinder binder = DeviceBinder.nd4j();
        Device assigned = Device.assigned(context.resourcesJMap());
        Device device = binder.bind(assigned);
        devices.add(assigned.equals(device) ? device.toString() : assigned + " (ND4J CPU backend)");
        PoseBatchModel<?, ?> model = ExecutorModelCache.acquire(settings.key(), device,
                () -> factory.create(spec.value(), device));
        StreamingAnnotator<?, ?> annotator = stream(model, tasks, device, binder);
        context.addTaskCompletionListener((TaskCompletionListener) ended -> annotator.close());
        return StagingTable.rows(annotator, settings.runId(), settings.modelId());
    }

    private <I extends DecodedImage, C> StreamingAnnotator<I, C> stream(PoseBatchModel<I, C> model,
                                                                        Iterator<ImageTask> tasks, Device device,
                                                                        DeviceBinder binder) {
        HadoopStorage storage = new HadoopStorage(hadoopConf.value().value());
        Path root = new Path(settings.imagesRoot());
        ImageBytes source = task -> storage.read(new Path(root, task.filePath()));
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(() -> {
                binder.bind(device);
                runnable.run();
            }, "hrnet-prepare-" + TaskContext.getPartitionId());
            thread.setDaemon(true);
            return thread;
        };
        AnnotationProgress progress = new AnnotationProgress() {
            @Override
            public void imageDone() {
                imagesDone.add(1);
            }

            @Override
            public void cropsPredicted(int crops) {
                cropsDone.add(crops);
            }
        };
        return new StreamingAnnotator<>(tasks, source, model, settings.batchSize(), settings.maxImagePixels(),
                threads, progress);
    }
}
