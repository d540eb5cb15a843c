package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-keypoint localisation error of the detections matched to a non-ignored ground truth at the
 * lowest OKS threshold (area 'all'), over the GT keypoints that are labelled: pixel distance and
 * the keypoint's own OKS term {@code exp(-d²/(2σ)²/(s+eps)/2)}. Computed per image and summed, so
 * it can be gathered from executors.
 *
 * @param count       labelled keypoints measured, per keypoint
 * @param distanceSum sum of pixel distances
 * @param squaredSum  sum of squared pixel distances
 * @param termSum     sum of per-keypoint OKS terms
 * @param within50    keypoints whose OKS term is at least 0.5
 * @param within75    keypoints whose OKS term is at least 0.75
 */
public record KeypointErrors(long[] count, double[] distanceSum, double[] squaredSum,
                             double[] termSum, long[] within50, long[] within75)
        implements Serializable {

    public static KeypointErrors empty(int numKeypoints) {
        return new KeypointErrors(new long[numKeypoints], new double[numKeypoints],
                new double[numKeypoints], new double[numKeypoints], new long[numKeypoints],
                new long[numKeypoints]);
    }

    /**
     * The errors of one image's matches.
     *
     * @param evaluations the image's {@link ImageMatcher#evaluateImage} output
     */
    public static KeypointErrors measure(EvalProtocol protocol, ImageAnnotations image,
                                         List<ImageEvaluation> evaluations) {
        double[] sigmas = protocol.keypointSpec().sigmas();
        KeypointErrors errors = empty(sigmas.length);
        Map<Long, CocoAnnotation> gts = byId(image.gts());
        Map<Long, CocoAnnotation> dts = byId(image.dts());
        for (ImageEvaluation evaluation : evaluations) {
            if (evaluation.areaIndex() != 0) {
                continue;
            }
            for (int d = 0; d < evaluation.dtIds().length; d++) {
                long gtId = evaluation.dtMatches()[0][d];
                if (gtId == 0 || evaluation.dtIgnore()[0][d]) {
                    continue;
                }
                CocoAnnotation gt = gts.get(gtId);
                errors.add(gt.keypoints(), dts.get(evaluation.dtIds()[d]).keypoints(),
                        protocol.gtArea().of(gt), sigmas);
            }
        }
        return errors;
    }

    private void add(double[] g, double[] d, double scale, double[] sigmas) {
        for (int k = 0; k < sigmas.length; k++) {
            if (!(g[3 * k + 2] > 0)) {
                continue;
            }
            double dx = d[3 * k] - g[3 * k];
            double dy = d[3 * k + 1] - g[3 * k + 1];
            double squared = dx * dx + dy * dy;
            double variance = (sigmas[k] * 2) * (sigmas[k] * 2);
            double term = Math.exp(-(squared / variance / (scale + NumpyMath.EPS) / 2));
            count[k]++;
            distanceSum[k] += Math.sqrt(squared);
            squaredSum[k] += squared;
            termSum[k] += term;
            within50[k] += term >= 0.5 ? 1 : 0;
            within75[k] += term >= 0.75 ? 1 : 0;
        }
    }

    /** The element-wise sum of two error tallies. */
    public KeypointErrors plus(KeypointErrors other) {
        KeypointErrors sum = empty(count.length);
        for (int k = 0; k < count.length; k++) {
            sum.count[k] = count[k] + other.count[k];
            sum.distanceSum[k] = distanceSum[k] + other.distanceSum[k];
            sum.squaredSum[k] = squaredSum[k] + other.squaredSum[k];
            sum.termSum[k] = termSum[k] + other.termSum[k];
            sum.within50[k] = within50[k] + other.within50[k];
            sum.within75[k] = within75[k] + other.within75[k];
        }
        return sum;
    }

    /** Annotations by id. */
    static Map<Long, CocoAnnotation> byId(List<CocoAnnotation> anns) {
        Map<Long, CocoAnnotation> map = new HashMap<>();
        for (CocoAnnotation ann : anns) {
            map.put(ann.id(), ann);
        }
        return map;
    }
}
