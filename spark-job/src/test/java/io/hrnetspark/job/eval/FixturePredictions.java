package io.hrnetspark.job.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The coco-keypoints-eval fixture's results as the persons of a predictions table: in image id order, numbered per
 * image in file order, and for each image one more person that OKS-NMS suppressed (index 1000, score 0.99, the
 * first person's keypoints), present in the table but not a result.
 */
record FixturePredictions(long imageId, int personIndex, double[] keypoints, double score, boolean kept) {

    static final String FOLDER = "coco-keypoints-eval";

    static List<FixturePredictions> load() {
        CocoDataset gt = CocoDataset.load(Path.of(SparkTestSession.fixture(FOLDER, "gt.json")));
        List<CocoAnnotation> results = new ArrayList<>(gt.loadRes(Path.of(SparkTestSession.fixture(FOLDER,
                "results.json"))).annotations());
        results.sort(Comparator.comparingLong(CocoAnnotation::imageId));
        List<FixturePredictions> persons = new ArrayList<>();
        long image = -1;
        int index = 0;
        for (CocoAnnotation result : results) {
            index = result.imageId() == image ? index + 1 : 0;
            image = result.imageId();
            persons.add(new FixturePredictions(image, index, result.keypoints(), result.score(), true));
            if (index == 0) {
                persons.add(new FixturePredictions(image, 1000, result.keypoints(), 0.99, false));
            }
        }
        return persons;
    }
}
