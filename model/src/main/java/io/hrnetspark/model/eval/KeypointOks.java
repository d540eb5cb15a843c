package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import java.util.List;

/**
 * Object keypoint similarity as {@code COCOeval.computeOks} computes it. For a GT with labelled
 * keypoints: {@code sum(exp(-d²/(2σ)²/(s+eps)/2)) / k1} over its labelled keypoints; for a GT
 * without (crowd regions, unlabelled people): the distance of every detected keypoint to the GT
 * box enlarged by its size on each side, averaged over all keypoints.
 */
public final class KeypointOks implements Similarity {

    private final double[] variances;
    private final GtArea scale;

    /**
     * @param sigmas per-keypoint OKS sigmas
     * @param scale  the OKS scale s of a GT (the COCO stored area, the CrowdPose box rule)
     */
    public KeypointOks(double[] sigmas, GtArea scale) {
        this.variances = new double[sigmas.length];
        for (int k = 0; k < sigmas.length; k++) {
            double twice = sigmas[k] * 2;
            variances[k] = twice * twice;
        }
        this.scale = scale;
    }

    @Override
    public double[][] compute(CocoImage image, List<CocoAnnotation> gts, List<CocoAnnotation> dts) {
        double[][] oks = new double[dts.size()][gts.size()];
        int numKeypoints = variances.length;
        double[] terms = new double[numKeypoints];
        for (int j = 0; j < gts.size(); j++) {
            CocoAnnotation gt = gts.get(j);
            double[] g = gt.keypoints();
            int labelled = 0;
            for (int k = 0; k < numKeypoints; k++) {
                if (g[3 * k + 2] > 0) {
                    labelled++;
                }
            }
            double[] bb = gt.bbox();
            double x0 = bb[0] - bb[2];
            double x1 = bb[0] + bb[2] * 2;
            double y0 = bb[1] - bb[3];
            double y1 = bb[1] + bb[3] * 2;
            double denominator = scale.of(gt) + NumpyMath.EPS;
            for (int i = 0; i < dts.size(); i++) {
                double[] d = dts.get(i).keypoints();
                int n = 0;
                for (int k = 0; k < numKeypoints; k++) {
                    double xd = d[3 * k];
                    double yd = d[3 * k + 1];
                    double dx;
                    double dy;
                    if (labelled > 0) {
                        if (!(g[3 * k + 2] > 0)) {
                            continue;
                        }
                        dx = xd - g[3 * k];
                        dy = yd - g[3 * k + 1];
                    } else {
                        dx = Math.max(0, x0 - xd) + Math.max(0, xd - x1);
                        dy = Math.max(0, y0 - yd) + Math.max(0, yd - y1);
                    }
                    double e = (dx * dx + dy * dy) / variances[k] / denominator / 2;
                    terms[n++] = Math.exp(-e);
                }
                oks[i][j] = NumpyMath.sum(terms, 0, n) / n;
            }
        }
        return oks;
    }
}
