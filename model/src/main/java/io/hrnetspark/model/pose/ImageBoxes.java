package io.hrnetspark.model.pose;

import io.hrnetspark.model.image.RgbImage;
import java.util.List;

/** The input of top-down pose estimation: an image and the person boxes to estimate poses in. */
public record ImageBoxes(RgbImage image, List<PersonBox> boxes) {

    public ImageBoxes {
        boxes = List.copyOf(boxes);
    }
}
