package io.hrnetspark.model.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COCOeval.summarize()}: means over the accumulated precision/recall entries greater than
 * -1 (NumPy pairwise summation), in the official layouts, labels and threshold selection.
 */
public final class Summarizer {

    private record Row(String key, boolean ap, Double iouThr, String area, int maxDets, int slot) {
    }

    private Summarizer() {
    }

    /** COCO keypoints, segm and bbox summaries. */
    public static Summary summarize(EvalProtocol protocol, Accumulation acc) {
        if (protocol == EvalProtocol.CROWDPOSE_KEYPOINTS) {
            throw new IllegalArgumentException("CrowdPose summaries need the subset values.");
        }
        List<Row> rows = protocol.isKeypoints() ? List.of(
                new Row("AP", true, null, "all", 20, 0),
                new Row("AP50", true, .5, "all", 20, 1),
                new Row("AP75", true, .75, "all", 20, 2),
                new Row("APm", true, null, "medium", 20, 3),
                new Row("APl", true, null, "large", 20, 4),
                new Row("AR", false, null, "all", 20, 5),
                new Row("AR50", false, .5, "all", 20, 6),
                new Row("AR75", false, .75, "all", 20, 7),
                new Row("ARm", false, null, "medium", 20, 8),
                new Row("ARl", false, null, "large", 20, 9)) : detectionRows(acc.params().maxDets());
        double[] stats = new double[rows.size()];
        List<Metric> metrics = new ArrayList<>();
        for (Row row : rows) {
            double value = mean(acc, row, false);
            stats[row.slot()] = value;
            metrics.add(new Metric(row.key(), label(acc.params(), row, "area"), value));
        }
        return new Summary(metrics, stats);
    }

    private static List<Row> detectionRows(int[] maxDets) {
        return List.of(
                new Row("AP", true, null, "all", 100, 0),
                new Row("AP50", true, .5, "all", maxDets[2], 1),
                new Row("AP75", true, .75, "all", maxDets[2], 2),
                new Row("APs", true, null, "small", maxDets[2], 3),
                new Row("APm", true, null, "medium", maxDets[2], 4),
                new Row("APl", true, null, "large", maxDets[2], 5),
                new Row("AR1", false, null, "all", maxDets[0], 6),
                new Row("AR10", false, null, "all", maxDets[1], 7),
                new Row("AR100", false, null, "all", maxDets[2], 8),
                new Row("ARs", false, null, "small", maxDets[2], 9),
                new Row("ARm", false, null, "medium", maxDets[2], 10),
                new Row("ARl", false, null, "large", maxDets[2], 11));
    }

    /**
     * The CrowdPose summary: AP/AR of the full set, then the easy/medium/hard values that
     * {@code get_type_result} computed on the image subsets (already rounded), printed as AR lines.
     *
     * @param subsetValues easy, medium, hard
     */
    public static Summary summarizeCrowdPose(Accumulation acc, double[] subsetValues) {
        List<Row> rows = List.of(
                new Row("AP", true, null, "all", 20, 0),
                new Row("AP50", true, .5, "all", 20, 1),
                new Row("AP75", true, .75, "all", 20, 2),
                new Row("AR", false, null, "all", 20, 5),
                new Row("AR50", false, .5, "all", 20, 6),
                new Row("AR75", false, .75, "all", 20, 7));
        double[] stats = new double[11];
        List<Metric> metrics = new ArrayList<>();
        for (Row row : rows) {
            double value = mean(acc, row, true);
            stats[row.slot()] = value;
            metrics.add(new Metric(row.key(), label(acc.params(), row, "area"), value));
        }
        String[] types = {"easy", "medium", "hard"};
        for (int i = 0; i < types.length; i++) {
            Row row = new Row("AP" + types[i], false, null, types[i], 20, 8 + i);
            stats[row.slot()] = subsetValues[i];
            metrics.add(new Metric(row.key(), label(acc.params(), row, "type"), subsetValues[i]));
        }
        return new Summary(metrics, stats);
    }

    /**
     * {@code get_type_result}'s value for one image subset: {@code round(np.mean(
     * precision[:, :, :, 0, :]), 4)}, the mean over every entry at area 'all', -1 included.
     */
    public static double subsetMeanPrecision(Accumulation acc) {
        double[] values = new double[acc.numThresholds() * acc.numRecallThresholds()
                * acc.numCategories() * acc.numMaxDets()];
        int n = 0;
        for (int t = 0; t < acc.numThresholds(); t++) {
            for (int r = 0; r < acc.numRecallThresholds(); r++) {
                for (int k = 0; k < acc.numCategories(); k++) {
                    for (int m = 0; m < acc.numMaxDets(); m++) {
                        values[n++] = acc.precision(t, r, k, 0, m);
                    }
                }
            }
        }
        return NumpyMath.mean(values);
    }

    private static double mean(Accumulation acc, Row row, boolean nearPrecisionThreshold) {
        EvalParams p = acc.params();
        List<Integer> thresholds = new ArrayList<>();
        for (int t = 0; t < p.iouThrs().length; t++) {
            boolean selected = row.iouThr() == null
                    || (row.ap() && nearPrecisionThreshold
                        ? Math.abs(row.iouThr() - p.iouThrs()[t]) < 0.01
                        : row.iouThr() == p.iouThrs()[t]);
            if (selected) {
                thresholds.add(t);
            }
        }
        int a = p.areaIndex(row.area());
        int m = -1;
        for (int i = 0; i < p.maxDets().length; i++) {
            if (p.maxDets()[i] == row.maxDets()) {
                m = i;
            }
        }
        double[] values = new double[acc.precision().length];
        int n = 0;
        if (a >= 0 && m >= 0) {
            for (int t : thresholds) {
                for (int r = 0; r < (row.ap() ? acc.numRecallThresholds() : 1); r++) {
                    for (int k = 0; k < acc.numCategories(); k++) {
                        double v = row.ap() ? acc.precision(t, r, k, a, m) : acc.recall(t, k, a, m);
                        if (v > -1) {
                            values[n++] = v;
                        }
                    }
                }
            }
        }
        return n == 0 ? -1 : NumpyMath.sum(values, 0, n) / n;
    }

    private static String label(EvalParams p, Row row, String rangeKind) {
        String title = row.ap() ? "Average Precision" : "Average Recall";
        String type = row.ap() ? "(AP)" : "(AR)";
        double[] thrs = p.iouThrs();
        String iou = row.iouThr() == null
                ? NumpyMath.fixed(thrs[0], 2) + ":" + NumpyMath.fixed(thrs[thrs.length - 1], 2)
                : NumpyMath.fixed(row.iouThr(), 2);
        return String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | %s=%6s | maxDets=%3d ]",
                title, type, iou, rangeKind, row.area(), row.maxDets());
    }
}
