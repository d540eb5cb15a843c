package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.coco.CocoDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-image rules of COCOeval's keypoint evaluation, each on a tiny hand-made image. */
class KeypointMatchingRulesTest {

    private static final double[] NO_KEYPOINTS = new double[51];
    private static final double[] BOX = {100, 100, 60, 120};

    private final TinySet set = new TinySet(17).image(1, null);

    /** Evaluations of image 1, one per area range (all, medium, large). */
    private List<ImageEvaluation> evaluate() {
        CocoDataset gt = set.groundTruth();
        return new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt).evaluateImages(set.results(gt));
    }

    private double[][] oks() {
        CocoDataset gt = set.groundTruth();
        CocoEvaluator evaluator = new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt);
        ImageAnnotations image = evaluator.group(set.results(gt)).get(0);
        return evaluator.matcher().similarity(image.image(), image.gts(), image.dts());
    }

    @Test
    void aCrowdRegionAbsorbsEveryDetectionInsideItsEnlargedBoxAndThoseAreIgnored() {
        set.gt(7, 1, NO_KEYPOINTS, 0, 7200, BOX, 1);
        double[] inside = set.person(50, 10);  // within [x-w, x+2w] x [y-h, y+2h]
        set.result(1, TinySet.moved(inside, 0, 0), 0.9).result(1, TinySet.moved(inside, 5, 5), 0.8)
                .result(1, TinySet.moved(inside, 9, 9), 0.7);
        assertArrayEquals(new double[] {1.0}, oks()[0], 0.0);
        ImageEvaluation all = evaluate().get(0);
        for (int t = 0; t < 10; t++) {
            assertArrayEquals(new long[] {7, 7, 7}, all.dtMatches()[t]);
            assertArrayEquals(new boolean[] {true, true, true}, all.dtIgnore()[t]);
        }
    }

    @Test
    void anIgnoredPersonWithoutLabelsIsMatchedOnlyOnce() {
        set.gt(7, 1, NO_KEYPOINTS, 0, 7200, BOX, 0);
        double[] inside = set.person(110, 110);
        set.result(1, TinySet.moved(inside, 0, 0), 0.9).result(1, TinySet.moved(inside, 1, 1), 0.8);
        ImageEvaluation all = evaluate().get(0);
        assertArrayEquals(new long[] {7, 0}, all.dtMatches()[0]);
        assertArrayEquals(new boolean[] {true, false}, all.dtIgnore()[0]);
    }

    @Test
    void aNonIgnoredGroundTruthWinsOverAHigherOksOnAnIgnoredOneWhileItPassesTheThreshold() {
        double[] ignoredPerson = set.person(200, 100);
        double[] person = set.person(203, 100);
        // The ignored GT comes first in the file and the detection sits exactly on it.
        set.gt(5, 1, ignoredPerson, 0, 7200, BOX, 0).gt(6, 1, person, 17, 7200, BOX, 0);
        set.result(1, TinySet.moved(ignoredPerson, 0, 0), 0.9);
        double[] row = oks()[0];
        assertEquals(1.0, row[0], 0.0);
        assertTrue(row[1] > 0.5 && row[1] < 0.95, "OKS to the labelled person " + row[1]);
        ImageEvaluation all = evaluate().get(0);
        assertArrayEquals(new long[] {6, 5}, all.gtIds(), "ignored GTs sort last");
        double[] thresholds = EvalParams.defaultIouThrs();
        for (int t = 0; t < 10; t++) {
            boolean reachesPerson = row[1] >= thresholds[t];
            assertEquals(reachesPerson ? 6 : 5, all.dtMatches()[t][0], "t=" + t);
            assertEquals(!reachesPerson, all.dtIgnore()[t][0], "t=" + t);
        }
    }

    @Test
    void theStoredNumKeypointsDecidesIgnoreAndAStoredIgnoreKeyIsOverwritten() {
        double[] labelled = set.person(200, 100);
        set.gtWithIgnoreKey(5, 1, labelled, 17, 7200, BOX, 1);
        set.gt(6, 1, set.person(400, 100), 0, 7200, BOX, 0);
        set.result(1, TinySet.moved(labelled, 0, 0), 0.9);
        ImageEvaluation all = evaluate().get(0);
        assertArrayEquals(new long[] {5, 6}, all.gtIds());
        assertArrayEquals(new boolean[] {false, true}, all.gtIgnore());
    }

    @Test
    void amongEqualOksTheLaterGroundTruthWins() {
        double[] person = set.person(200, 100);
        set.gt(10, 1, person, 17, 7200, BOX, 0).gt(11, 1, person, 17, 7200, BOX, 0);
        set.result(1, TinySet.moved(person, 1, 0), 0.9);
        ImageEvaluation all = evaluate().get(0);
        for (int t = 0; t < 10; t++) {
            if (all.dtMatches()[t][0] != 0) {
                assertEquals(11, all.dtMatches()[t][0]);
            }
        }
        assertEquals(11, all.dtMatches()[0][0]);
    }

    @Test
    void areaBoundsAreInclusiveSoEdgeAreasFallInTwoRanges() {
        set.gt(1, 1, set.person(0, 0), 17, 1024, BOX, 0).gt(2, 1, set.person(100, 0), 17, 9216, BOX, 0)
                .gt(3, 1, set.person(200, 0), 17, 1023.999, BOX, 0);
        set.result(1, set.person(0, 0), 0.5);
        List<ImageEvaluation> ranges = evaluate();
        assertArrayEquals(new boolean[] {false, false, false}, ranges.get(0).gtIgnore());
        assertArrayEquals(new long[] {1, 2, 3}, ranges.get(1).gtIds());
        assertArrayEquals(new boolean[] {false, false, true}, ranges.get(1).gtIgnore(), "medium");
        assertArrayEquals(new long[] {2, 1, 3}, ranges.get(2).gtIds());
        assertArrayEquals(new boolean[] {false, true, true}, ranges.get(2).gtIgnore(), "large");
    }

    @Test
    void anUnmatchedDetectionOutsideTheRangeIsIgnoredButAMatchedOneIsNot() {
        double[] person = set.person(200, 100);
        set.gt(1, 1, person, 17, 5000, BOX, 0);
        // Both detections have a keypoint extent of 20 x 96 = 1920 px: medium. Squeezed to a
        // 2 x 4 extent (area 8), the second falls outside 'medium' and 'large'.
        double[] tiny = TinySet.moved(set.person(400, 400), 0, 0);
        for (int k = 0; k < 17; k++) {
            tiny[3 * k] = 400 + (k % 2) * 2;
            tiny[3 * k + 1] = 400 + (k % 3) * 2;
        }
        set.result(1, TinySet.moved(person, 0, 0), 0.9).result(1, tiny, 0.8);
        List<ImageEvaluation> ranges = evaluate();
        assertFalse(ranges.get(0).dtIgnore()[0][1], "'all' keeps the false positive");
        assertTrue(ranges.get(1).dtIgnore()[0][1], "'medium' ignores the small false positive");
        assertFalse(ranges.get(1).dtIgnore()[0][0], "the matched detection is kept");
        assertTrue(ranges.get(2).dtIgnore()[0][0], "in 'large' the GT is ignored, so is its match");
    }

    @Test
    void detectionsAreRankedByScoreStablyAndCutToTwenty() {
        double[] person = set.person(200, 100);
        set.gt(1, 1, person, 17, 7200, BOX, 0);
        double[] scores = {0.5, 0.9, 0.5, 0.7, 0.9};
        for (int i = 0; i < 22; i++) {
            set.result(1, TinySet.moved(person, 40 + i, 0), i < scores.length ? scores[i] : 0.1);
        }
        ImageEvaluation all = evaluate().get(0);
        assertEquals(20, all.dtIds().length);
        assertArrayEquals(new long[] {2, 5, 4, 1, 3, 6, 7}, java.util.Arrays.copyOf(all.dtIds(), 7));
        assertEquals(20, all.dtIds()[19]);
    }

    @Test
    void anImageWithGroundTruthButNoDetectionsKeepsItsGroundTruthUnmatched() {
        set.gt(1, 1, set.person(200, 100), 17, 7200, BOX, 0);
        set.image(2, null).result(2, set.person(0, 0), 0.3);
        List<ImageEvaluation> evaluations = evaluate();
        ImageEvaluation first = evaluations.get(0);
        assertEquals(1, first.imageId());
        assertEquals(0, first.dtIds().length);
        assertArrayEquals(new long[] {0}, first.gtMatches()[0]);
        ImageEvaluation second = evaluations.get(3);
        assertEquals(2, second.imageId());
        assertArrayEquals(new long[] {0}, second.dtMatches()[0]);
    }
}
