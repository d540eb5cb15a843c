package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.TaskBox;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.PersonPose;
import io.hrnetspark.model.pose.PoseCrop;
import io.hrnetspark.model.pose.TopDownPoseEstimator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TopDownPoseEstimator} as partition inference uses it: OpenCV decoding, the estimator's
 * pre-processing (which holds no mutable state, so the preparing threads of concurrent tasks share
 * it), batched forward passes, and the official OKS-NMS.
 */
final class EstimatorPoseModel implements PoseBatchModel<EstimatorPoseModel.Image, PoseCrop> {

    /** A decoded image in native memory. */
    record Image(RgbImage rgb) implements DecodedImage {
        @Override
        public int width() {
            return rgb.width();
        }

        @Override
        public int height() {
            return rgb.height();
        }

        @Override
        public void close() {
            rgb.close();
        }
    }

    private final TopDownPoseEstimator estimator;

    EstimatorPoseModel(TopDownPoseEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public Image decode(byte[] encoded, String name) {
        return new Image(RgbImage.decode(encoded, name));
    }

    @Override
    public PoseCrop prepare(Image image, TaskBox box) {
        return estimator.prepare(image.rgb(), personBox(box));
    }

    @Override
    public List<PosePrediction> predict(List<PoseCrop> crops) {
        List<PersonPose> poses = estimator.predict(crops);
        List<PosePrediction> predictions = new ArrayList<>(poses.size());
        for (PersonPose pose : poses) {
            predictions.add(new PosePrediction(pose.keypoints(), pose.score()));
        }
        return predictions;
    }

    @Override
    public boolean[] keptByNms(List<TaskBox> boxes, List<PosePrediction> poses) {
        List<PersonPose> persons = new ArrayList<>(boxes.size());
        Map<PersonPose, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < boxes.size(); i++) {
            PersonPose person = new PersonPose(personBox(boxes.get(i)), poses.get(i).keypoints(), poses.get(i).score());
            persons.add(person);
            index.put(person, i);
        }
        boolean[] kept = new boolean[persons.size()];
        for (PersonPose survivor : estimator.suppressOverlaps(persons)) {
            kept[index.get(survivor)] = true;
        }
        return kept;
    }

    @Override
    public void close() {
        estimator.close();
    }

    private static PersonBox personBox(TaskBox box) {
        return new PersonBox(box.x(), box.y(), box.width(), box.height(), box.score());
    }
}
