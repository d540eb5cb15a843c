package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.ImageBoxes;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.TopDownPerson;
import java.util.ArrayList;
import java.util.List;

/**
 * Top-down pose in annotate: the image with its croppable boxes in, one person per box out (with the
 * estimator's OKS-NMS flag among the image's persons).
 */
public final class TopDownInputs implements HeadInputs<ImageBoxes, List<TopDownPerson>, IndexedResult<TopDownPerson>> {

    @Override
    public boolean takesBoxes() {
        return true;
    }

    @Override
    public ImageBoxes input(RgbImage image, List<PersonBox> boxes) {
        return new ImageBoxes(image, boxes);
    }

    @Override
    public List<IndexedResult<TopDownPerson>> results(ImageTask task, List<Integer> boxIndices,
                                                      List<TopDownPerson> persons, List<ImageError> errors) {
        if (persons.size() != boxIndices.size()) {
            throw new IllegalStateException("The estimator returned " + persons.size() + " persons for "
                    + boxIndices.size() + " boxes");
        }
        List<IndexedResult<TopDownPerson>> results = new ArrayList<>(persons.size());
        for (int i = 0; i < persons.size(); i++) {
            TopDownPerson person = persons.get(i);
            if (HeadInputs.finite(person.keypoints(), person.score())) {
                results.add(new IndexedResult<>(boxIndices.get(i), person));
            } else {
                errors.add(HeadInputs.notFinite("box", boxIndices.get(i), task,
                        " (the box or its score is out of range)"));
            }
        }
        return results;
    }
}
