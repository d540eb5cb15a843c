package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.AnnotationHead;
import io.hrnetspark.job.inference.AnnotationProgress;
import io.hrnetspark.job.inference.BottomUpInputs;
import io.hrnetspark.job.inference.Device;
import io.hrnetspark.job.inference.DeviceBinder;
import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.inference.HeadInputs;
import io.hrnetspark.job.inference.ImageBytes;
import io.hrnetspark.job.inference.LabelPngs;
import io.hrnetspark.job.inference.ModelKey;
import io.hrnetspark.job.inference.ModelSpec;
import io.hrnetspark.job.inference.PredictorFactory;
import io.hrnetspark.job.inference.SegmentationInputs;
import io.hrnetspark.job.inference.StreamingAnnotator;
import io.hrnetspark.job.inference.TopDownInputs;
import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.output.StagingTable;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.ImageBoxes;
import io.hrnetspark.model.pose.TopDownPerson;
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.pose.BottomUpPose;
import io.hrnetspark.model.seg.LabelMap;
import java.util.Iterator;
import java.util.List;
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
 * Runs in each partition: binds the task to its device, takes this executor's predictor for the run's
 * model (building it from the broadcast spec on first use) and streams the partition's work items
 * through {@link StreamingAnnotator} with the inputs of the run's head into staging rows.
 */
final class PartitionAnnotator implements FlatMapFunction<Iterator<ImageTask>, Row> {

    /** Follows the assigned GPU in the {@code devices} column when ND4J ran its CPU backend instead. */
    static final String CPU_BACKEND_ON_GPU = " (ND4J CPU backend)";

    /**
     * The per-run settings partitions need, small enough to travel with every task.
     *
     * @param dataset    the segmentation classes' dataset (class names, label PNG palette)
     * @param labelsRoot where label maps are written as PNGs, or null
     */
    record Settings(ModelKey key, AnnotationHead head, String dataset, String imagesRoot, int batchSize, String runId,
                    String modelId, long maxImagePixels, String labelsRoot) implements java.io.Serializable {
    }

    private final Settings settings;
    private final Broadcast<ModelSpec> spec;
    private final Broadcast<SerializableConfiguration> hadoopConf;
    private final PredictorFactory factory;
    private final LongAccumulator imagesDone;
    private final LongAccumulator samplesDone;
    private final CollectionAccumulator<String> devices;

    PartitionAnnotator(Settings settings, Broadcast<ModelSpec> spec, Broadcast<SerializableConfiguration> hadoopConf,
                       PredictorFactory factory, LongAccumulator imagesDone, LongAccumulator samplesDone,
                       CollectionAccumulator<String> devices) {
        this.settings = settings;
        this.spec = spec;
        this.hadoopConf = hadoopConf;
        this.factory = factory;
        this.imagesDone = imagesDone;
        this.samplesDone = samplesDone;
        this.devices = devices;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<Row> call(Iterator<ImageTask> tasks) {
        TaskContext context = TaskContext.get();
        DeviceBinder binder = DeviceBinder.nd4j();
        Device assigned = Device.assigned(context.resourcesJMap());
        Device device = binder.bind(assigned);
        devices.add(assigned.equals(device) ? device.toString() : assigned + CPU_BACKEND_ON_GPU);
        BatchPredictor<?, ?> predictor = ExecutorModelCache.acquire(settings.key(), device,
                () -> factory.create(spec.value(), device));
        HadoopStorage storage = new HadoopStorage(hadoopConf.value().value());
        return switch (settings.head()) {
            case TOP_DOWN -> stream(context, tasks, device, binder, storage,
                    (BatchPredictor<ImageBoxes, List<TopDownPerson>>) predictor, new TopDownInputs(),
                    StagingTable.TOP_DOWN);
            case BOTTOM_UP -> stream(context, tasks, device, binder, storage,
                    (BatchPredictor<RgbImage, List<BottomUpPose>>) predictor, new BottomUpInputs(),
                    StagingTable.BOTTOM_UP);
            case SEGMENTATION -> {
                SegmentationClasses classes = SegmentationClasses.byName(settings.dataset());
                LabelPngs pngs = settings.labelsRoot() == null ? null
                        : new LabelPngs(storage, new Path(settings.labelsRoot()), classes);
                yield stream(context, tasks, device, binder, storage, (BatchPredictor<RgbImage, LabelMap>) predictor,
                        new SegmentationInputs(pngs), StagingTable.masks(classes.classes().stream()
                                .map(SegmentationClasses.SegmentationClass::name).toList()));
            }
        };
    }

    private <I, R, T> Iterator<Row> stream(TaskContext context, Iterator<ImageTask> tasks, Device device,
                                           DeviceBinder binder, HadoopStorage storage, BatchPredictor<I, R> predictor,
                                           HeadInputs<I, R, T> head, StagingTable.ResultRow<T> rows) {
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
            public void samplesPredicted(long samples) {
                samplesDone.add(samples);
            }
        };
        StreamingAnnotator<I, R, T> annotator = new StreamingAnnotator<>(tasks, source, predictor, head,
                settings.batchSize(), settings.maxImagePixels(), threads, progress);
        context.addTaskCompletionListener((TaskCompletionListener) ended -> annotator.close());
        return StagingTable.rows(annotator, rows, settings.runId(), settings.modelId());
    }
}
