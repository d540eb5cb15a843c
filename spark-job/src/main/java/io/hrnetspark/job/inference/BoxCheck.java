package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.TaskBox;
import java.util.Locale;

/**
 * Person boxes that cannot be cropped: not finite, zero or negative size, absurdly large (more than
 * {@value #MAX_IMAGE_MULTIPLE} times the image's width or height: no detector means that), or entirely
 * outside the image. Boxes partly outside are cropped as the official pipeline does (zero padding).
 */
final class BoxCheck {

    static final int MAX_IMAGE_MULTIPLE = 100;

    private BoxCheck() {
    }

    /** One sentence saying what is wrong with the box, or null when it can be cropped. */
    static String problem(TaskBox box, int width, int height, String filePath) {
        String name = String.format(Locale.ROOT, "Box %d [%s, %s, %s, %s] of %s", box.index(),
                number(box.x()), number(box.y()), number(box.width()), number(box.height()), filePath);
        if (!(Double.isFinite(box.x()) && Double.isFinite(box.y()) && Double.isFinite(box.width())
                && Double.isFinite(box.height()))) {
            return name + " has a coordinate that is not a finite number; the box was skipped.";
        }
        if (box.width() <= 0 || box.height() <= 0) {
            return name + " has zero or negative size; the box was skipped.";
        }
        if (box.width() > (double) MAX_IMAGE_MULTIPLE * width || box.height() > (double) MAX_IMAGE_MULTIPLE * height) {
            return name + " is more than " + MAX_IMAGE_MULTIPLE + " times the size of the " + width + "x" + height
                    + " image; the box was skipped.";
        }
        if (!Double.isFinite(box.score())) {
            return name + " has a score that is not a finite number; the box was skipped.";
        }
        if (box.x() >= width || box.y() >= height || box.x() + box.width() <= 0 || box.y() + box.height() <= 0) {
            return name + " lies entirely outside the " + width + "x" + height + " image; the box was skipped.";
        }
        return null;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
