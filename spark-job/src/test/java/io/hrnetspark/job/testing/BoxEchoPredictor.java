package io.hrnetspark.job.testing;

import io.hrnetspark.model.pose.ImageBoxes;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.TopDownPerson;
import io.hrnetspark.model.net.ExecutorMemory;
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.predict.NetworkSample;
import io.hrnetspark.model.predict.NetworkStats;
import io.hrnetspark.model.predict.PreparedInput;
import io.hrnetspark.model.predict.SampleOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test double of the top-down predictor: one 1x1 sample per box, and "predicted" keypoints that
 * encode the box (keypoint k at fraction (k+1)/18 along the box diagonal, confidence 0.9), so tests can
 * check every row against its input. Its OKS-NMS drops a box equal to an earlier one of the image.
 */
public class BoxEchoPredictor implements BatchPredictor<ImageBoxes, List<TopDownPerson>> {

    public static final int KEYPOINTS = 17;
    public static final float CONFIDENCE = 0.9f;

    private final IntConsumer beforeBatch;
    private final Runnable onClose;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    /**
     * @param beforeBatch called with each batch size before predicting (may throw to fail the batch)
     * @param onClose     called when the predictor is closed
     */
    public BoxEchoPredictor(IntConsumer beforeBatch, Runnable onClose) {
        this.beforeBatch = beforeBatch;
        this.onClose = onClose;
    }

    @Override
    public PreparedInput<List<TopDownPerson>> prepare(ImageBoxes input) {
        List<PersonBox> boxes = input.boxes();
        List<NetworkSample> inputSamples = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            inputSamples.add(new NetworkSample(1, 1, new float[] {i, 0, 0}));
        }
        return new PreparedInput<>() {
            @Override
            public List<NetworkSample> samples() {
                return inputSamples;
            }

            @Override
            public List<TopDownPerson> decode(List<SampleOutput> outputs) {
                if (outputs.size() != boxes.size()) {
                    throw new IllegalArgumentException(outputs.size() + " outputs for " + boxes.size() + " boxes");
                }
                return persons(boxes);
            }
        };
    }

    /** The persons of one image's boxes; tests override it to corrupt results. */
    protected List<TopDownPerson> persons(List<PersonBox> boxes) {
        List<TopDownPerson> persons = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            boolean kept = true;
            for (int j = 0; j < i; j++) {
                PersonBox a = boxes.get(i);
                PersonBox b = boxes.get(j);
                if (a.x() == b.x() && a.y() == b.y() && a.width() == b.width() && a.height() == b.height()) {
                    kept = false;
                }
            }
            persons.add(new TopDownPerson(boxes.get(i), expectedKeypoints(boxes.get(i)), expectedScore(boxes.get(i)),
                    kept));
        }
        return persons;
    }

    @Override
    public List<SampleOutput> forward(List<NetworkSample> batch) {
        beforeBatch.accept(batch.size());
        batches.incrementAndGet();
        samples.addAndGet(batch.size());
        List<SampleOutput> outputs = new ArrayList<>(batch.size());
        for (NetworkSample sample : batch) {
            outputs.add(new SampleOutput(List.of(Nd4j.create(sample.chw(), new long[] {1, 3, 1, 1}, 'c'))));
        }
        return outputs;
    }

    @Override
    public int defaultBatchSize() {
        return 1;
    }

    @Override
    public NetworkStats networkStats() {
        return new NetworkStats(batches.get(), samples.get(), 0, 0, ExecutorMemory.UNPLANNED);
    }

    @Override
    public void close() {
        onClose.run();
    }

    public static float[][] expectedKeypoints(PersonBox box) {
        float[][] keypoints = new float[KEYPOINTS][];
        for (int k = 0; k < KEYPOINTS; k++) {
            double f = (k + 1) / 18.0;
            keypoints[k] = new float[] {(float) (box.x() + f * box.width()), (float) (box.y() + f * box.height()),
                CONFIDENCE};
        }
        return keypoints;
    }

    public static double expectedScore(PersonBox box) {
        return box.score() * CONFIDENCE;
    }
}
