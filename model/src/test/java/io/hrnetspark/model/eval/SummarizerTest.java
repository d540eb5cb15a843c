package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummarizerTest {

    /** One category, area 'all' only, recall thresholds {0, 1}; thresholds 0.5 and 0.505. */
    private static Accumulation accumulation() {
        EvalParams params = new EvalParams(new double[] {0.5, 0.505, 0.75}, new double[] {0, 1},
                new int[] {20}, List.of(new AreaRange("all", 0, 1e10)));
        // precision[t][r][k][a][m] and recall[t][k][a][m]
        double[] precision = {0.8, 0.6, 0.4, 0.2, 0.1, 0.1};
        double[] recall = {0.9, 0.5, 0.3};
        return new Accumulation(params, new int[] {1}, precision, recall);
    }

    @Test
    void crowdPoseSelectsApThresholdsWithinOneHundredthButArThresholdsExactly() {
        Summary summary = Summarizer.summarizeCrowdPose(accumulation(), new double[] {0.1, 0.2, 0.3});
        assertEquals((0.8 + 0.6 + 0.4 + 0.2) / 4, summary.byKey().get("AP50"), 1e-15, "0.5 and 0.505");
        assertEquals(0.9, summary.byKey().get("AR50"), 0.0, "0.5 only");
        assertEquals(0.1, summary.byKey().get("AP75"), 0.0);
        assertEquals(0.3, summary.byKey().get("AR75"), 0.0);
        assertEquals(0.2, summary.byKey().get("APmedium"), 0.0);
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.75 | type=medium | maxDets= 20 ]",
                summary.metrics().get(7).name());
    }

    @Test
    void cocoSelectsEveryThresholdByExactEquality() {
        Summary summary = Summarizer.summarize(EvalProtocol.COCO_KEYPOINTS, accumulation());
        assertEquals((0.8 + 0.6) / 2, summary.byKey().get("AP50"), 0.0);
        assertEquals(0.9, summary.byKey().get("AR50"), 0.0);
        assertEquals(-1.0, summary.byKey().get("APm"), 0.0, "no medium range in these parameters");
    }
}
