package io.hrnetspark.model.coco;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;

/**
 * A ground-truth annotation or a result entry, with the fields the COCO tools read. Optional
 * fields are {@code null} when the JSON leaves them out, because the official code branches on
 * their presence ({@code loadRes} on {@code bbox}/{@code segmentation}/{@code keypoints}).
 *
 * @param id           annotation id; results get their 1-based position from {@code loadRes}
 * @param bbox         {@code [x, y, w, h]}
 * @param keypoints    {@code [x1, y1, v1, ...]} (GT) or {@code [x1, y1, c1, ...]} (results)
 * @param segmentation polygons, uncompressed RLE or compressed RLE, as in the file
 * @param iscrowd      the stored value; any non-zero value counts as crowd
 */
public record CocoAnnotation(Long id, long imageId, int categoryId, int iscrowd, Double area,
                             double[] bbox, double[] keypoints, Integer numKeypoints,
                             JsonNode segmentation, Double score) implements Serializable {

    @JsonCreator
    static CocoAnnotation fromJson(@JsonProperty("id") Long id,
                                   @JsonProperty(value = "image_id", required = true) long imageId,
                                   @JsonProperty(value = "category_id", required = true) int categoryId,
                                   @JsonProperty("iscrowd") Integer iscrowd,
                                   @JsonProperty("area") Double area,
                                   @JsonProperty("bbox") double[] bbox,
                                   @JsonProperty("keypoints") double[] keypoints,
                                   @JsonProperty("num_keypoints") Integer numKeypoints,
                                   @JsonProperty("segmentation") JsonNode segmentation,
                                   @JsonProperty("score") Double score) {
        return new CocoAnnotation(id, imageId, categoryId, iscrowd == null ? 0 : iscrowd, area,
                bbox, keypoints, numKeypoints, segmentation, score);
    }

    /** A keypoint detection as the top-down pipeline writes it: no box, no mask. */
    public static CocoAnnotation keypointResult(long imageId, int categoryId, double[] keypoints,
                                                double score) {
        return new CocoAnnotation(null, imageId, categoryId, 0, null, null, keypoints, null, null,
                score);
    }

    public boolean crowd() {
        return iscrowd != 0;
    }

    /**
     * This keypoint result as the keypoint branch of {@code loadRes} leaves it: the given id, and
     * area and box from the extent of its keypoints ({@code (max x - min x) * (max y - min y)}).
     */
    public CocoAnnotation asKeypointResult(long resultId) {
        double x0 = keypoints[0];
        double x1 = keypoints[0];
        double y0 = keypoints[1];
        double y1 = keypoints[1];
        for (int i = 0; i + 1 < keypoints.length; i += 3) {
            x0 = Math.min(x0, keypoints[i]);
            x1 = Math.max(x1, keypoints[i]);
            y0 = Math.min(y0, keypoints[i + 1]);
            y1 = Math.max(y1, keypoints[i + 1]);
        }
        return asResult(resultId, (x1 - x0) * (y1 - y0), new double[] {x0, y0, x1 - x0, y1 - y0},
                segmentation, iscrowd);
    }

    /** This entry as {@code loadRes} leaves it: the given id, area, box and mask, not crowd. */
    CocoAnnotation asResult(long resultId, double resultArea, double[] resultBbox,
                            JsonNode resultSegmentation, int resultIscrowd) {
        return new CocoAnnotation(resultId, imageId, categoryId, resultIscrowd, resultArea,
                resultBbox, keypoints, numKeypoints, resultSegmentation, score);
    }
}
