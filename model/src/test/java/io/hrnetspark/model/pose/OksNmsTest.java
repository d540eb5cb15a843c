package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OksNmsTest {

    private final OksNms nms = new OksNms(KeypointSpec.COCO.sigmas(), 0.9);

    @Test
    void identicalPersonsHaveOksOneAndTheWeakerIsDropped() {
        OksNms.Candidate a = person(100, 100, 0.9);
        OksNms.Candidate b = person(100, 100, 0.8);
        assertEquals(1.0, nms.oks(a, b), 1e-12);
        assertEquals(List.of(0), nms.keep(List.of(a, b)));
    }

    @Test
    void distantPersonsAreAllKeptBestFirst() {
        List<OksNms.Candidate> candidates = List.of(person(0, 0, 0.3), person(500, 0, 0.7), person(0, 500, 0.5));
        assertEquals(List.of(1, 2, 0), nms.keep(candidates));
    }

    @Test
    void oksFollowsTheOfficialFormula() {
        OksNms.Candidate a = person(0, 0, 1);
        OksNms.Candidate b = person(3, 4, 1);
        double[] sigmas = KeypointSpec.COCO.sigmas();
        double expected = 0;
        for (double sigma : sigmas) {
            double variance = (sigma * 2) * (sigma * 2);
            expected += Math.exp(-25 / variance / (10000 + Math.ulp(1.0)) / 2);
        }
        assertEquals(expected / sigmas.length, nms.oks(a, b), 1e-15);
    }

    @Test
    void equalScoresKeepTheLaterCandidateFirstAsNumpysReversedArgsort() {
        List<OksNms.Candidate> candidates = List.of(person(0, 0, 0.5), person(500, 0, 0.5));
        assertEquals(List.of(1, 0), nms.keep(candidates));
    }

    private static OksNms.Candidate person(float x, float y, double score) {
        float[][] keypoints = new float[17][];
        for (int k = 0; k < 17; k++) {
            keypoints[k] = new float[] {x, y, 1f};
        }
        return new OksNms.Candidate(keypoints, 10000, score);
    }
}
