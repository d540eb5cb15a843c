package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.model.pose.BottomUpPose;
import java.util.ArrayList;
import java.util.List;

/** Bottom-up pose in annotate: the whole image in, every person found out, numbered in grouping order. */
public final class BottomUpInputs extends WholeImageInputs<List<BottomUpPose>, IndexedResult<BottomUpPose>> {

    @Override
    public List<IndexedResult<BottomUpPose>> results(ImageTask task, List<Integer> boxIndices,
                                                     List<BottomUpPose> poses, List<ImageError> errors) {
        List<IndexedResult<BottomUpPose>> results = new ArrayList<>(poses.size());
        for (int i = 0; i < poses.size(); i++) {
            BottomUpPose pose = poses.get(i);
            if (HeadInputs.finite(pose.keypoints(), pose.score())) {
                results.add(new IndexedResult<>(i, pose));
            } else {
                errors.add(HeadInputs.notFinite("person", i, task, ""));
            }
        }
        return results;
    }
}
