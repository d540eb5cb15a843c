package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeypointErrorsTest {

    @Test
    void measuresMatchedLabelledKeypointsOnlyAndAddsUp() {
        TinySet set = new TinySet(17).image(1, null);
        double[] person = set.person(200, 100);
        person[3 * 4 + 2] = 0;  // keypoint 4 not labelled
        set.gt(1, 1, person, 16, 5000, new double[] {190, 90, 40, 120}, 0);
        set.result(1, TinySet.moved(person, 3, 4), 0.9);        // matched: 5 px off everywhere
        set.result(1, TinySet.moved(person, 300, 300), 0.8);    // unmatched: not measured
        CocoDataset gt = set.groundTruth();
        CocoEvaluator evaluator = new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt);
        ImageAnnotations image = evaluator.group(set.results(gt)).get(0);
        List<ImageEvaluation> evaluations = evaluator.matcher().evaluateImage(image.image(),
                image.gts(), image.dts());
        KeypointErrors errors = KeypointErrors.measure(EvalProtocol.COCO_KEYPOINTS, image, evaluations);
        assertEquals(1, errors.count()[0]);
        assertEquals(0, errors.count()[4]);
        assertEquals(5.0, errors.distanceSum()[0], 1e-12);
        assertEquals(25.0, errors.squaredSum()[0], 1e-12);
        double sigma = KeypointSpec.COCO.sigmas()[0];
        assertEquals(Math.exp(-25 / (4 * sigma * sigma) / 5000 / 2), errors.termSum()[0], 1e-12);
        KeypointErrors twice = errors.plus(errors);
        assertEquals(2, twice.count()[0]);
        assertEquals(10.0, twice.distanceSum()[0], 1e-12);
    }
}
