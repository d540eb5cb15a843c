package io.hrnetspark.model.pose.bottomup;

import java.util.List;

/**
 * The bottom-up grouping of the official HigherHRNet test ({@code HeatmapParser.parse}): peaks of
 * each joint's heatmap ({@link HeatmapPeaks}), grouped into people by their associative-embedding
 * tags ({@link TagMatcher}), optionally moved to sub-pixel positions ({@link SubpixelStep}), scored,
 * and optionally completed from the maps ({@link MissingJointRefinement}). Stateless and thread-safe.
 */
public final class AssociativeEmbeddingParser {

    private final GroupingSettings settings;
    private final TagMatcher matcher;

    public AssociativeEmbeddingParser(GroupingSettings settings) {
        this.settings = settings;
        this.matcher = new TagMatcher(settings);
    }

    /**
     * The people in heatmaps {@code det} with tags {@code tags} of the same size.
     *
     * @param adjust  the quarter-pixel step and +0.5 on matched joints ({@code TEST.ADJUST})
     * @param refine  fill missing joints from the maps ({@code TEST.REFINE})
     */
    public GroupedPeople parse(JointMaps det, TagMaps tags, boolean adjust, boolean refine) {
        if (det.joints() != settings.numJoints() || tags.height() != det.height() || tags.width() != det.width()
                || tags.joints() != det.joints() && tags.joints() != 1) {
            throw new IllegalArgumentException("Heatmaps " + det.joints() + "x" + det.height() + "x" + det.width()
                    + " do not fit tags " + tags.joints() + "x" + tags.height() + "x" + tags.width()
                    + " and " + settings.numJoints() + " joints");
        }
        List<float[][]> people = matcher.match(
                HeatmapPeaks.find(det, tags, settings.nmsKernel(), settings.maxNumPeople()), tags.dim());
        if (adjust) {
            SubpixelStep.adjust(people, det);
        }
        float[] scores = new float[people.size()];
        for (int p = 0; p < scores.length; p++) {
            scores[p] = meanValue(people.get(p));
        }
        if (refine) {
            for (float[][] person : people) {
                MissingJointRefinement.refine(person, det, tags);
            }
        }
        return new GroupedPeople(people, scores);
    }

    /** {@code person[:, 2].mean()} in float32 with NumPy's pairwise summation. */
    static float meanValue(float[][] person) {
        float[] values = new float[person.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = person[j][2];
        }
        return pairwiseSum(values, 0, values.length) / values.length;
    }

    private static float pairwiseSum(float[] a, int from, int n) {
        if (n < 8) {
            float sum = 0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= 128) {
            float[] r = new float[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int k = 0; k < 8; k++) {
                    r[k] += a[from + i + k];
                }
            }
            float sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
