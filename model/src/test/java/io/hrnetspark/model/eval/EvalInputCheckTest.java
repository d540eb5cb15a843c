package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoDataset;
import org.junit.jupiter.api.Test;

/** Inputs the evaluators cannot read are refused up front with one sentence. */
class EvalInputCheckTest {

    private static final double[] BOX = {10, 10, 50, 100};

    @Test
    void resultsWithTheKeypointCountOfAnotherDatasetAreRefused() {
        TinySet set = new TinySet(14).image(1, 0.5);
        set.gt(1, 1, set.person(10, 10), 12, 100, BOX, 0);
        TinySet coco = new TinySet(17);
        set.result(1, coco.person(10, 10), 0.9);
        CocoDataset gt = set.groundTruth();
        CocoDataset results = set.results(gt);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new CocoEvaluator(EvalProtocol.CROWDPOSE_KEYPOINTS, gt).evaluate(results));
        assertEquals("results.json: result 1 has 51 keypoint values (17 keypoints) but the crowdpose dataset has"
                + " 14 keypoints (42 values); use --dataset coco.", e.getMessage());
    }

    @Test
    void groundTruthOfAnotherDatasetIsRefusedToo() {
        TinySet set = new TinySet(14).image(1, null);
        set.gt(1, 1, set.person(10, 10), 12, 100, BOX, 0).result(1, set.person(10, 10), 0.9);
        CocoDataset gt = set.groundTruth();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt).evaluate(set.results(gt)));
        assertEquals("gt.json: annotation 1 has 42 keypoint values (14 keypoints) but the coco dataset has 17"
                + " keypoints (51 values); use --dataset crowdpose.", e.getMessage());
    }

    @Test
    void crowdPoseNeedsTheCrowdIndexOfEveryImage() {
        TinySet set = new TinySet(14).image(1, 0.3).image(2, null);
        set.gt(1, 1, set.person(10, 10), 12, 100, BOX, 0).result(1, set.person(10, 10), 0.9);
        CocoDataset gt = set.groundTruth();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new CocoEvaluator(EvalProtocol.CROWDPOSE_KEYPOINTS, gt).evaluate(set.results(gt)));
        assertEquals("gt.json: image 2 has no crowdIndex; CrowdPose evaluation splits images into"
                + " easy, medium and hard by it.", e.getMessage());
    }

    @Test
    void unknownTypesAndDatasetsAndCrowdPoseMasksAreRefused() {
        assertEquals(EvalProtocol.CROWDPOSE_KEYPOINTS, EvalProtocol.of("Keypoints", "CrowdPose"));
        assertEquals("Unknown evaluation type 'pose': use keypoints, segm, bbox or miou.",
                assertThrows(InvalidInputException.class, () -> EvalProtocol.of("pose", "coco"))
                        .getMessage());
        assertEquals("The crowdpose evaluator has no segm evaluation; CrowdPose is evaluated with"
                + " --type keypoints.", assertThrows(InvalidInputException.class,
                        () -> EvalProtocol.of("segm", "crowdpose")).getMessage());
        assertEquals(EvalProtocol.COCO_BBOX, EvalProtocol.of("bbox", "coco"));
        assertEquals("Unknown dataset 'mpii': use coco or crowdpose.",
                assertThrows(InvalidInputException.class, () -> EvalProtocol.of("keypoints", "mpii"))
                        .getMessage());
    }
}
