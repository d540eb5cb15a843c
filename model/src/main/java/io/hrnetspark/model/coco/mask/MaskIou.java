package io.hrnetspark.model.coco.mask;

import java.util.List;

/**
 * Intersection over union of masks and of boxes, bit-equal to {@code rleIou} and {@code bbIou} of
 * the COCO mask API (pycocotools {@code mask.iou}). Results are indexed {@code [dt][gt]}. For a crowd
 * ground truth the union is replaced by the detection's own area.
 */
public final class MaskIou {

    private MaskIou() {
    }

    /**
     * Mask IoUs, computed on the runs. As in the C code, pairs whose {@link Rle#toBbox()} boxes do not
     * overlap get 0 without walking the runs, and pairs of different mask sizes whose boxes overlap
     * get -1.
     */
    public static double[][] iou(List<Rle> dts, List<Rle> gts, boolean[] gtIsCrowd) {
        checkCrowdFlags(gts.size(), gtIsCrowd);
        double[][] dtBoxes = boxes(dts);
        double[][] gtBoxes = boxes(gts);
        double[][] iou = new double[dts.size()][gts.size()];
        for (int g = 0; g < gts.size(); g++) {
            Rle gt = gts.get(g);
            for (int d = 0; d < dts.size(); d++) {
                // rleIou walks the runs only where bbIou of the two boxes is > 0, which for these
                // boxes (integer, at least 1 wide when not empty) is exactly where they overlap.
                if (!overlap(dtBoxes[d], gtBoxes[g])) {
                    continue;
                }
                Rle dt = dts.get(d);
                if (dt.height() != gt.height() || dt.width() != gt.width()) {
                    iou[d][g] = -1;
                    continue;
                }
                iou[d][g] = runIou(dt, gt, gtIsCrowd[g]);
            }
        }
        return iou;
    }

    /** Box IoUs for {@code [x, y, w, h]} boxes, with the operation order of {@code bbIou}. */
    public static double[][] boxIou(List<double[]> dts, List<double[]> gts, boolean[] gtIsCrowd) {
        checkCrowdFlags(gts.size(), gtIsCrowd);
        double[][] iou = new double[dts.size()][gts.size()];
        for (int g = 0; g < gts.size(); g++) {
            double[] gt = gts.get(g);
            double gtArea = gt[2] * gt[3];
            for (int d = 0; d < dts.size(); d++) {
                double[] dt = dts.get(d);
                double dtArea = dt[2] * dt[3];
                double w = fmin(dt[2] + dt[0], gt[2] + gt[0]) - fmax(dt[0], gt[0]);
                if (w <= 0) {
                    continue;
                }
                double h = fmin(dt[3] + dt[1], gt[3] + gt[1]) - fmax(dt[1], gt[1]);
                if (h <= 0) {
                    continue;
                }
                double intersection = w * h;
                double union = gtIsCrowd[g] ? dtArea : dtArea + gtArea - intersection;
                iou[d][g] = intersection / union;
            }
        }
        return iou;
    }

    private static double runIou(Rle dt, Rle gt, boolean crowd) {
        long[] a = dt.runs();
        long[] b = gt.runs();
        long ca = a[0];
        long cb = b[0];
        boolean va = false;
        boolean vb = false;
        int ia = 1;
        int ib = 1;
        long intersection = 0;
        long union = 0;
        long remaining = 1;
        while (remaining > 0) {
            long c = Math.min(ca, cb);
            if (va || vb) {
                union += c;
                if (va && vb) {
                    intersection += c;
                }
            }
            ca -= c;
            if (ca == 0 && ia < a.length) {
                ca = a[ia++];
                va = !va;
            }
            cb -= c;
            if (cb == 0 && ib < b.length) {
                cb = b[ib++];
                vb = !vb;
            }
            remaining = ca + cb;
        }
        if (intersection == 0) {
            union = 1;
        } else if (crowd) {
            union = dt.area();
        }
        return (double) intersection / (double) union;
    }

    private static double[][] boxes(List<Rle> rles) {
        double[][] boxes = new double[rles.size()][];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = rles.get(i).toBbox();
        }
        return boxes;
    }

    private static boolean overlap(double[] dt, double[] gt) {
        return fmin(dt[2] + dt[0], gt[2] + gt[0]) - fmax(dt[0], gt[0]) > 0
                && fmin(dt[3] + dt[1], gt[3] + gt[1]) - fmax(dt[1], gt[1]) > 0;
    }

    private static void checkCrowdFlags(int gtCount, boolean[] gtIsCrowd) {
        if (gtIsCrowd.length != gtCount) {
            throw new IllegalArgumentException(
                    "Got " + gtIsCrowd.length + " crowd flags for " + gtCount + " ground truths.");
        }
    }

    /** C's fmin: a NaN argument yields the other one. */
    private static double fmin(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /** C's fmax: a NaN argument yields the other one. */
    private static double fmax(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
