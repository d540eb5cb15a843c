package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accumulation rules of the README: ordering, eps, envelope, sampling, -1 entries. */
class AccumulatorTest {

    private static final EvalParams PARAMS = EvalParams.keypoints();
    private static final int ALL_THRESHOLDS = (1 << 10) - 1;

    /** A tally whose detections are true positives (tp) or false positives at every threshold. */
    private static MatchTally tally(long imageId, int numGt, double[] scores, boolean... tp) {
        int[] matched = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            matched[i] = tp[i] ? ALL_THRESHOLDS : 0;
        }
        return new MatchTally(imageId, 1, 0, scores, matched, new int[scores.length], numGt);
    }

    private static Accumulation accumulate(MatchTally... tallies) {
        return Accumulator.accumulate(PARAMS, new int[] {1}, List.of(tallies));
    }

    @Test
    void aSingleTruePositiveHasPrecisionOneMinusEps() {
        Accumulation acc = accumulate(tally(1, 1, new double[] {0.9}, true));
        assertEquals(0.9999999999999998, acc.precision(0, 0, 0, 0, 0));
        assertEquals(0.9999999999999998, acc.precision(0, 100, 0, 0, 0));
        assertEquals(1.0, acc.recall(0, 0, 0, 0));
    }

    @Test
    void scoreTiesAcrossImagesGoToTheLowerImageIdFirstWhateverTheInputOrder() {
        // Image 1 has a false positive, image 2 a true positive, both scored 0.5.
        MatchTally fpFirst = tally(1, 0, new double[] {0.5}, false);
        MatchTally tpSecond = tally(2, 1, new double[] {0.5}, true);
        Accumulation acc = accumulate(tpSecond, fpFirst);
        // FP then TP: pr = [0, 0.5]; the envelope lifts the first to 0.5.
        assertEquals(0.5, acc.precision(0, 0, 0, 0, 0), 1e-15);
        Accumulation swapped = accumulate(tally(1, 1, new double[] {0.5}, true),
                tally(2, 0, new double[] {0.5}, false));
        assertEquals(0.9999999999999998, swapped.precision(0, 0, 0, 0, 0));
    }

    @Test
    void tiesWithinAnImageKeepTheirOrder() {
        Accumulation acc = accumulate(tally(1, 1, new double[] {0.5, 0.5}, false, true));
        assertEquals(0.5, acc.precision(0, 50, 0, 0, 0), 1e-15);
    }

    @Test
    void precisionIsMadeNonIncreasingAndSampledAtTheFirstRecallReachingTheThreshold() {
        // TP, FP, TP over 2 GTs: rc = [.5, .5, 1], pr = [1, .5, .667] -> envelope [1, .667, .667].
        Accumulation acc = accumulate(tally(1, 2, new double[] {0.9, 0.8, 0.7}, true, false, true));
        assertEquals(0.9999999999999998, acc.precision(0, 50, 0, 0, 0));
        assertEquals(2 / (3 + NumpyMath.EPS), acc.precision(0, 51, 0, 0, 0));
        assertEquals(2 / (3 + NumpyMath.EPS), acc.precision(0, 100, 0, 0, 0));
    }

    @Test
    void precisionIsZeroBeyondTheLastDetectionsRecall() {
        Accumulation acc = accumulate(tally(1, 2, new double[] {0.9}, true));
        assertEquals(0.9999999999999998, acc.precision(0, 50, 0, 0, 0));
        assertEquals(0.0, acc.precision(0, 51, 0, 0, 0));
        assertEquals(0.5, acc.recall(0, 0, 0, 0));
    }

    @Test
    void recallThresholdsAreLinspaceSoSevenOfTwentyMissesThirtyFive() {
        // rc = k/20 reaches 7/20 = 0.35 < recThrs[35] = 0.35000000000000003: the sample at r=35
        // comes from the 8th true positive, after the false positive.
        double[] scores = new double[9];
        boolean[] tp = new boolean[9];
        for (int i = 0; i < 9; i++) {
            scores[i] = 1.0 - i * 0.01;
            tp[i] = i != 7;
        }
        Accumulation acc = accumulate(tally(1, 20, scores, tp));
        assertEquals(8 / (9 + NumpyMath.EPS), acc.precision(0, 35, 0, 0, 0));
        assertEquals(7 / (7 + NumpyMath.EPS), acc.precision(0, 34, 0, 0, 0));
        assertEquals(0.35, 7 / 20.0);
    }

    @Test
    void settingsWithoutGroundTruthStayMinusOneAndImagesWithoutDetectionsGiveZeroRecall() {
        Accumulation noGt = accumulate(tally(1, 0, new double[] {0.9}, false));
        assertEquals(-1.0, noGt.precision(0, 0, 0, 0, 0));
        assertEquals(-1.0, noGt.recall(0, 0, 0, 0));
        Accumulation noDt = accumulate(tally(1, 3, new double[0]));
        assertEquals(0.0, noDt.precision(0, 0, 0, 0, 0));
        assertEquals(0.0, noDt.recall(0, 0, 0, 0));
    }

    @Test
    void ignoredDetectionsCountNeitherWay() {
        MatchTally withIgnored = new MatchTally(1, 1, 0, new double[] {0.9, 0.8},
                new int[] {0, ALL_THRESHOLDS}, new int[] {ALL_THRESHOLDS, 0}, 1);
        assertEquals(0.9999999999999998, accumulate(withIgnored).precision(0, 0, 0, 0, 0));
    }

    @Test
    void eachImageIsCutToMaxDetBeforeMerging() {
        EvalParams det = EvalParams.detection();
        List<MatchTally> tallies = new ArrayList<>();
        // Two images, one GT each; each image's best detection is a false positive.
        for (long image = 1; image <= 2; image++) {
            tallies.add(new MatchTally(image, 1, 0, new double[] {0.9, 0.8},
                    new int[] {0, ALL_THRESHOLDS}, new int[2], 1));
        }
        Accumulation acc = Accumulator.accumulate(det, new int[] {1}, tallies);
        assertEquals(0.0, acc.recall(0, 0, 0, 0), "maxDets=1 keeps only the false positives");
        assertEquals(1.0, acc.recall(0, 0, 0, 1));
    }

    @Test
    void summarizeAveragesOnlyEntriesAboveMinusOneAndGivesMinusOneWhenNone() {
        Accumulation none = accumulate(tally(1, 0, new double[] {0.9}, false));
        Summary summary = Summarizer.summarize(EvalProtocol.COCO_KEYPOINTS, none);
        assertEquals(-1.0, summary.stats()[0]);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = -1.000",
                summary.metrics().get(0).printedLine());
    }
}
