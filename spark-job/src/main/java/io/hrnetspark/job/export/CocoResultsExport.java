package io.hrnetspark.job.export;

import io.hrnetspark.job.output.StoredPerson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes predictions as a COCO keypoint results file, the list pycocotools' {@code COCO.loadRes}
 * reads: {@code {"image_id", "category_id": 1, "keypoints": [x1, y1, s1, ...], "score"}} per person,
 * ordered by image id and person index. Like the official evaluation, only the persons OKS-NMS kept
 * are written unless asked otherwise.
 */
public final class CocoResultsExport {

    public static final int PERSON_CATEGORY = 1;

    private CocoResultsExport() {
    }

    /** Writes the results to {@code out} (not closed); returns the number of results written. */
    public static long write(List<StoredPerson> predictions, boolean keptOnly, OutputStream out) throws IOException {
        List<StoredPerson> selected = new ArrayList<>(predictions.size());
        for (StoredPerson person : predictions) {
            if (person.nmsKept() || !keptOnly) {
                selected.add(person);
            }
        }
        selected.sort(Comparator.comparingLong(StoredPerson::imageId).thenComparingInt(StoredPerson::personIndex));
        return ResultsList.write(selected.iterator(), out, (person, json) -> {
            json.writeNumberField("image_id", person.imageId());
            json.writeNumberField("category_id", PERSON_CATEGORY);
            json.writeArrayFieldStart("keypoints");
            for (float[] keypoint : person.keypoints()) {
                json.writeNumber(keypoint[0]);
                json.writeNumber(keypoint[1]);
                json.writeNumber(keypoint[2]);
            }
            json.writeEndArray();
            json.writeNumberField("score", person.score());
        });
    }
}
