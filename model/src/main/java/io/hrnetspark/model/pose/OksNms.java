package io.hrnetspark.model.pose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Greedy non-maximum suppression of one image's persons by object keypoint similarity, as the
 * official {@code oks_nms} ({@code TEST.OKS_THRE}, no visibility filter): take the best-scored
 * remaining person, drop every other whose OKS with it exceeds the threshold, repeat.
 */
public final class OksNms {

    /** A person to suppress or keep: keypoints {x, y, confidence}, region area in square pixels, score. */
    public record Candidate(float[][] keypoints, double area, double score) {
    }

    private final double[] variances;
    private final double threshold;

    /** @param sigmas per-keypoint OKS sigmas (e.g. {@code KeypointSpec.COCO.sigmas()}) */
    public OksNms(double[] sigmas, double threshold) {
        this.variances = new double[sigmas.length];
        for (int k = 0; k < sigmas.length; k++) {
            variances[k] = (sigmas[k] * 2) * (sigmas[k] * 2);
        }
        this.threshold = threshold;
    }

    /** Indices of the kept candidates, best first. */
    public List<Integer> keep(List<Candidate> candidates) {
        // numpy's argsort()[::-1]: descending score, ties in descending index order
        List<Integer> order = IntStream.range(0, candidates.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> candidates.get(i).score())
                        .thenComparingInt(i -> i).reversed())
                .collect(Collectors.toCollection(ArrayList::new));
        List<Integer> kept = new ArrayList<>();
        while (!order.isEmpty()) {
            Candidate best = candidates.get(order.get(0));
            kept.add(order.get(0));
            List<Integer> remaining = new ArrayList<>();
            for (int i = 1; i < order.size(); i++) {
                if (oks(best, candidates.get(order.get(i))) <= threshold) {
                    remaining.add(order.get(i));
                }
            }
            order = remaining;
        }
        return kept;
    }

    /** The official {@code oks_iou} of two persons: squared distances in float32, the rest in float64. */
    double oks(Candidate g, Candidate d) {
        if (g.keypoints().length != variances.length || d.keypoints().length != variances.length) {
            throw new IllegalArgumentException("Expected " + variances.length + " keypoints per person");
        }
        double meanArea = (g.area() + d.area()) / 2 + Math.ulp(1.0);
        double sum = 0;
        for (int k = 0; k < variances.length; k++) {
            float dx = d.keypoints()[k][0] - g.keypoints()[k][0];
            float dy = d.keypoints()[k][1] - g.keypoints()[k][1];
            double e = (double) (dx * dx + dy * dy) / variances[k] / meanArea / 2;
            sum += Math.exp(-e);
        }
        return sum / variances.length;
    }
}
