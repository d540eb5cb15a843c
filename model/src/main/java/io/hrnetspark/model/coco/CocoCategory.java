package io.hrnetspark.model.coco;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/** One entry of a COCO {@code categories} list; {@code keypoints} and {@code skeleton} only for pose sets. */
public record CocoCategory(int id, String name, String supercategory, List<String> keypoints,
                           int[][] skeleton) implements Serializable {

    @JsonCreator
    public CocoCategory(@JsonProperty(value = "id", required = true) int id,
                        @JsonProperty("name") String name,
                        @JsonProperty("supercategory") String supercategory,
                        @JsonProperty("keypoints") List<String> keypoints,
                        @JsonProperty("skeleton") int[][] skeleton) {
        this.id = id;
        this.name = name;
        this.supercategory = supercategory;
        this.keypoints = keypoints == null ? null : List.copyOf(keypoints);
        this.skeleton = skeleton;
    }
}
