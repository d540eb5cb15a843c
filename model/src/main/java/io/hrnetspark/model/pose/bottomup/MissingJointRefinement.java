package io.hrnetspark.model.pose.bottomup;

/**
 * {@code HeatmapParser.refine}: for each joint of a person, the pixel maximising the heatmap value
 * minus the rounded distance of its tag to the person's mean tag (the mean over the person's present
 * joints of the tag at their integer positions), with the {@link SubpixelStep}. A joint the person
 * lacks takes that location and value when the value is above 0; its tag columns stay 0. Present
 * joints are kept as they are.
 */
final class MissingJointRefinement {

    private MissingJointRefinement() {
    }

    /** Refines {@code person} ({@code J x (3 + D)}) in place. */
    static void refine(float[][] person, JointMaps det, TagMaps tags) {
        int dim = tags.dim();
        float[] meanTag = new float[dim];
        int present = 0;
        for (int j = 0; j < person.length; j++) {
            if (person[j][2] > 0) {
                int x = (int) person[j][0];
                int y = (int) person[j][1];
                for (int d = 0; d < dim; d++) {
                    meanTag[d] += tags.get(j, y, x, d);
                }
                present++;
            }
        }
        for (int d = 0; d < dim; d++) {
            meanTag[d] /= present;
        }
        int h = det.height();
        int w = det.width();
        float[] candidate = new float[3];
        for (int j = 0; j < person.length; j++) {
            if (person[j][2] != 0) {
                continue; // the official code searches every joint but keeps the result of missing ones only
            }
            best(det, tags, j, meanTag, h, w, candidate);
            if (candidate[2] > 0) {
                person[j][0] = candidate[0];
                person[j][1] = candidate[1];
                person[j][2] = candidate[2];
            }
        }
    }

    /**
     * The refined (x, y, value) of joint {@code j}, into {@code out}. A pixel whose heatmap value is
     * not above the best score so far cannot win (its score is at most its value), so its tag
     * distance is not computed, unless a tag there is NaN (which wins at once, as in NumPy).
     */
    private static void best(JointMaps det, TagMaps tags, int j, float[] meanTag, int h, int w, float[] out) {
        int dim = meanTag.length;
        float[] values = det.values();
        float[] tagValues = tags.values();
        int plane = h * w;
        int detBase = j * plane;
        int tagBase = (tags.joints() == 1 ? 0 : j) * plane * dim;
        // np.argmax: the first maximum in row-major order (a NaN wins at once, as in NumPy).
        float bestScore = 0;
        int best = 0;
        for (int p = 0; p < plane; p++) {
            float value = values[detBase + p];
            int tag = tagBase + p * dim;
            if (p > 0 && value <= bestScore && !anyNaN(tagValues, tag, dim)) {
                continue;
            }
            float squares = 0;
            for (int d = 0; d < dim; d++) {
                float diff = tagValues[tag + d] - meanTag[d];
                squares += diff * diff;
            }
            float score = value - (float) Math.rint((float) Math.sqrt(squares));
            if (p == 0 || score > bestScore || Float.isNaN(score)) {
                bestScore = score;
                best = p;
                if (Float.isNaN(score)) {
                    break;
                }
            }
        }
        int bestX = best % w;
        int bestY = best / w;
        out[0] = bestX + 0.5f + SubpixelStep.dx(det, j, bestX, bestY);
        out[1] = bestY + 0.5f + SubpixelStep.dy(det, j, bestX, bestY);
        out[2] = det.get(j, bestY, bestX);
    }

    private static boolean anyNaN(float[] values, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (Float.isNaN(values[i])) {
                return true;
            }
        }
        return false;
    }
}
