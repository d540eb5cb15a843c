package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.fixture.NpyArray;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rescoring then OKS-NMS per image equals the official COCO results file of pose-rescore-nms. */
class RescoreNmsFixtureTest {

    private static final double RELATIVE = 1e-6;

    @Test
    void rescoredAndSuppressedResultsEqualTheOfficialOnes() throws IOException {
        NpyArray preds = NpyArray.fixture("pose-rescore-nms/preds.npy");
        NpyArray boxes = NpyArray.fixture("pose-rescore-nms/all_boxes.npy");
        ObjectMapper json = new ObjectMapper();
        JsonNode paths = json.readTree(Fixtures.bytes("pose-rescore-nms/image_paths.json"));
        JsonNode expected = json.readTree(Fixtures.bytes("pose-rescore-nms/results.json"));

        InstanceRescorer rescorer = new InstanceRescorer(0.2);
        OksNms nms = new OksNms(KeypointSpec.COCO.sigmas(), 0.9);
        int k = preds.shape()[1];
        Map<Long, List<Integer>> byImage = new LinkedHashMap<>();
        for (int n = 0; n < preds.shape()[0]; n++) {
            String path = paths.get(n).asText();
            long imageId = Long.parseLong(path.substring(path.length() - 16, path.length() - 4));
            byImage.computeIfAbsent(imageId, id -> new ArrayList<>()).add(n);
        }

        List<Object[]> results = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> image : byImage.entrySet()) {
            List<OksNms.Candidate> candidates = new ArrayList<>();
            for (int n : image.getValue()) {
                float[][] keypoints = new float[k][3];
                for (int j = 0; j < k; j++) {
                    for (int c = 0; c < 3; c++) {
                        keypoints[j][c] = (float) preds.get(n, j, c);
                    }
                }
                double score = rescorer.score(keypoints, boxes.get(n, 5));
                candidates.add(new OksNms.Candidate(keypoints, boxes.get(n, 4), score));
            }
            for (int kept : nms.keep(candidates)) {
                results.add(new Object[] {image.getKey(), candidates.get(kept), image.getValue().get(kept)});
            }
        }

        assertEquals(expected.size(), results.size(), "number of kept persons");
        for (int r = 0; r < results.size(); r++) {
            JsonNode official = expected.get(r);
            OksNms.Candidate candidate = (OksNms.Candidate) results.get(r)[1];
            int n = (Integer) results.get(r)[2];
            String where = "result " + r + " (candidate " + n + ")";
            assertEquals(official.get("image_id").asLong(), (long) (Long) results.get(r)[0], where);
            assertEquals((float) official.get("center").get(0).asDouble(), (float) boxes.get(n, 0), where + " center");
            assertRelative(official.get("score").asDouble(), candidate.score(), where + " score");
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < 3; c++) {
                    assertRelative(official.get("keypoints").get(j * 3 + c).asDouble(), candidate.keypoints()[j][c],
                            where + " keypoint " + j);
                }
            }
        }
    }

    private static void assertRelative(double expected, double actual, String message) {
        assertEquals(expected, actual, RELATIVE * Math.max(1e-12, Math.abs(expected)), message);
    }
}
