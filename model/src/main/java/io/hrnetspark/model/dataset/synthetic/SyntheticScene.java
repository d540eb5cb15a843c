package io.hrnetspark.model.dataset.synthetic;

import java.awt.image.BufferedImage;
import java.util.List;

/** One generated image and the annotations of the people in it, farthest first. */
public record SyntheticScene(BufferedImage image, List<SyntheticPerson> people) {

    public SyntheticScene {
        people = List.copyOf(people);
    }
}
