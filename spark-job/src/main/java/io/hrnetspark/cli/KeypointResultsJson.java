package io.hrnetspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hrnetspark.model.pose.PersonPose;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes poses as a COCO keypoint results list: {@code image_id}, {@code category_id} 1 (person),
 * {@code keypoints} (x, y, confidence per keypoint) and {@code score}, written as an {@link OutputFile}.
 */
final class KeypointResultsJson {

    static final int PERSON_CATEGORY = 1;

    private KeypointResultsJson() {
    }

    static void write(Path file, long imageId, List<PersonPose> poses) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode results = json.createArrayNode();
        for (PersonPose pose : poses) {
            ObjectNode result = results.addObject();
            result.put("image_id", imageId);
            result.put("category_id", PERSON_CATEGORY);
            ArrayNode keypoints = result.putArray("keypoints");
            for (float[] keypoint : pose.keypoints()) {
                keypoints.add(keypoint[0]).add(keypoint[1]).add(keypoint[2]);
            }
            result.put("score", pose.score());
        }
        OutputFile.write(file, out -> json.writeValue(out, results));
    }
}
