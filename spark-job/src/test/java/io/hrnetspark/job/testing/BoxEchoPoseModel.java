package io.hrnetspark.job.testing;

import io.hrnetspark.job.inference.DecodedImage;
import io.hrnetspark.job.inference.PoseBatchModel;
import io.hrnetspark.job.inference.PosePrediction;
import io.hrnetspark.job.manifest.TaskBox;
import io.hrnetspark.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;

/**
 * A test double of the pose network: decodes with ImageIO, and "predicts" keypoints that encode the
 * box (keypoint k at fraction (k+1)/18 along the box diagonal, confidence 0.9), so tests can check
 * every row against its input. OKS-NMS drops a box equal to an earlier one.
 */
public final class BoxEchoPoseModel implements PoseBatchModel<BoxEchoPoseModel.Image, TaskBox> {

    public static final int KEYPOINTS = 17;
    public static final float CONFIDENCE = 0.9f;

    public record Image(int width, int height) implements DecodedImage {
        @Override
        public void close() {
        }
    }

    private final IntConsumer beforeBatch;
    private final Runnable onClose;

    /**
     * @param beforeBatch called with each batch size before predicting (may throw to fail the batch)
     * @param onClose     called when the model is closed
     */
    public BoxEchoPoseModel(IntConsumer beforeBatch, Runnable onClose) {
        this.beforeBatch = beforeBatch;
        this.onClose = onClose;
    }

    @Override
    public Image decode(byte[] encoded, String name) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            if (image == null) {
                throw new InvalidInputException(name + " is not an image ImageIO can decode.");
            }
            return new Image(image.getWidth(), image.getHeight());
        } catch (IOException e) {
            throw new InvalidInputException(name + " is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public TaskBox prepare(Image image, TaskBox box) {
        return box;
    }

    @Override
    public List<PosePrediction> predict(List<TaskBox> crops) {
        beforeBatch.accept(crops.size());
        List<PosePrediction> poses = new ArrayList<>(crops.size());
        for (TaskBox box : crops) {
            poses.add(new PosePrediction(expectedKeypoints(box), expectedScore(box)));
        }
        return poses;
    }

    @Override
    public boolean[] keptByNms(List<TaskBox> boxes, List<PosePrediction> poses) {
        boolean[] kept = new boolean[boxes.size()];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = true;
            for (int j = 0; j < i; j++) {
                TaskBox a = boxes.get(i);
                TaskBox b = boxes.get(j);
                if (a.x() == b.x() && a.y() == b.y() && a.width() == b.width() && a.height() == b.height()) {
                    kept[i] = false;
                }
            }
        }
        return kept;
    }

    @Override
    public void close() {
        onClose.run();
    }

    public static float[][] expectedKeypoints(TaskBox box) {
        float[][] keypoints = new float[KEYPOINTS][];
        for (int k = 0; k < KEYPOINTS; k++) {
            double f = (k + 1) / 18.0;
            keypoints[k] = new float[] {(float) (box.x() + f * box.width()), (float) (box.y() + f * box.height()),
                CONFIDENCE};
        }
        return keypoints;
    }

    public static double expectedScore(TaskBox box) {
        return box.score() * CONFIDENCE;
    }
}
