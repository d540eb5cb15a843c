package io.hrnetspark.model.coco;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * One entry of a COCO {@code images} list. {@code width}/{@code height} are 0 when the file leaves
 * them out; {@code crowdIndex} is the CrowdPose field and {@code null} elsewhere.
 */
public record CocoImage(long id, int width, int height, String fileName, Double crowdIndex)
        implements Serializable {

    @JsonCreator
    static CocoImage fromJson(@JsonProperty(value = "id", required = true) long id,
                              @JsonProperty("width") Integer width,
                              @JsonProperty("height") Integer height,
                              @JsonProperty("file_name") String fileName,
                              @JsonProperty("crowdIndex") Double crowdIndex) {
        return new CocoImage(id, width == null ? 0 : width, height == null ? 0 : height, fileName,
                crowdIndex);
    }
}
