package io.hrnetspark.model.eval;

import java.io.Serializable;
import java.util.List;

/**
 * The evaluation parameters of {@code COCOeval.Params} (default values only): IoU/OKS thresholds,
 * recall thresholds, per-image detection limits (ascending) and area ranges.
 */
public record EvalParams(double[] iouThrs, double[] recThrs, int[] maxDets,
                         List<AreaRange> areaRanges) implements Serializable {

    private static final double MAX_AREA = 1e5 * 1e5;

    public EvalParams {
        if (iouThrs.length > Integer.SIZE) {
            throw new IllegalArgumentException("At most 32 IoU thresholds are supported.");
        }
        areaRanges = List.copyOf(areaRanges);
    }

    /** {@code Params.setKpParams}: maxDets [20]; areas all, medium, large. */
    public static EvalParams keypoints() {
        return new EvalParams(defaultIouThrs(), defaultRecThrs(), new int[] {20}, List.of(
                new AreaRange("all", 0, MAX_AREA),
                new AreaRange("medium", 32 * 32, 96 * 96),
                new AreaRange("large", 96 * 96, MAX_AREA)));
    }

    /** {@code Params.setDetParams}: maxDets [1, 10, 100]; areas all, small, medium, large. */
    public static EvalParams detection() {
        return new EvalParams(defaultIouThrs(), defaultRecThrs(), new int[] {1, 10, 100}, List.of(
                new AreaRange("all", 0, MAX_AREA),
                new AreaRange("small", 0, 32 * 32),
                new AreaRange("medium", 32 * 32, 96 * 96),
                new AreaRange("large", 96 * 96, MAX_AREA)));
    }

    /** {@code np.linspace(.5, 0.95, 10)}. */
    public static double[] defaultIouThrs() {
        return linspace(0.5, 0.95, 10);
    }

    /** {@code np.linspace(.0, 1.00, 101)}. */
    public static double[] defaultRecThrs() {
        return linspace(0.0, 1.0, 101);
    }

    /** {@code np.linspace(start, stop, num)}: {@code i * step + start}, the last value exactly stop. */
    static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** The largest per-image detection limit, used to cut each image's detections. */
    public int maxDet() {
        return maxDets[maxDets.length - 1];
    }

    /** Index of the area range with this label, or -1. */
    public int areaIndex(String label) {
        for (int a = 0; a < areaRanges.size(); a++) {
            if (areaRanges.get(a).label().equals(label)) {
                return a;
            }
        }
        return -1;
    }
}
