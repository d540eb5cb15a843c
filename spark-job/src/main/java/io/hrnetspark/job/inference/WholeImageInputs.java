package io.hrnetspark.job.inference;

import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.PersonBox;
import java.util.List;

/** The inputs of a head that takes whole images (bottom-up pose, segmentation): the decoded image itself. */
abstract class WholeImageInputs<R, T> implements HeadInputs<RgbImage, R, T> {

    @Override
    public final boolean takesBoxes() {
        return false;
    }

    @Override
    public final RgbImage input(RgbImage image, List<PersonBox> boxes) {
        return image;
    }
}
