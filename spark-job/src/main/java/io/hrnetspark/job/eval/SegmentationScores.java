package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.Metric;
import io.hrnetspark.model.eval.Summary;
import io.hrnetspark.model.seg.ConfusionMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scores of a semantic segmentation evaluation, from the summed confusion matrix: mean IoU, pixel
 * accuracy, mean accuracy and the IoU of each class (the numbers the official {@code tools/test.py}
 * prints), as metrics keyed {@code mIoU}, {@code pixelAcc}, {@code meanAcc} and {@code IoU.<class name>}.
 *
 * @param images           images scored
 * @param unpredictedPixels scored ground-truth pixels no mask covered (each a miss of its class)
 */
public record SegmentationScores(ConfusionMatrix matrix, List<String> classNames, long images,
                                 long unpredictedPixels) {

    public Summary summary() {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric("mIoU", "Mean IoU", matrix.meanIou()));
        metrics.add(new Metric("pixelAcc", "Pixel accuracy", matrix.pixelAccuracy()));
        metrics.add(new Metric("meanAcc", "Mean accuracy", matrix.meanAccuracy()));
        double[] iou = matrix.iou();
        for (int c = 0; c < iou.length; c++) {
            metrics.add(new Metric("IoU." + classNames.get(c), "IoU " + c + " " + classNames.get(c), iou[c]));
        }
        double[] stats = metrics.stream().mapToDouble(Metric::value).toArray();
        return new Summary(metrics, stats);
    }

    /** What {@code evaluate} prints: the three means and the per-class IoU, four decimals as the official test. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Images: %d, classes: %d%n", images, matrix.numClasses()));
        text.append(String.format(Locale.ROOT, "MeanIU: %.4f, Pixel_Acc: %.4f, Mean_Acc: %.4f%n",
                matrix.meanIou(), matrix.pixelAccuracy(), matrix.meanAccuracy()));
        double[] iou = matrix.iou();
        for (int c = 0; c < iou.length; c++) {
            text.append(String.format(Locale.ROOT, "  %3d %-20s IoU %.4f%n", c, classNames.get(c), iou[c]));
        }
        if (unpredictedPixels > 0) {
            text.append(String.format(Locale.ROOT, "%d scored pixels had no mask and count as misses.%n",
                    unpredictedPixels));
        }
        return text.toString();
    }
}
