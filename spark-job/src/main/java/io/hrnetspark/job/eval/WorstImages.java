package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.ImageMeanOks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the {@code limit} worst images seen ({@link ImageMeanOks#worstFirst}), so a partition sends
 * at most {@code limit} images to the driver whatever its size.
 */
final class WorstImages {

    private static final Comparator<RankedImage> WORST_FIRST =
            (a, b) -> ImageMeanOks.worstFirst(a.measure(), b.measure());

    private final int limit;
    private final PriorityQueue<RankedImage> kept;

    WorstImages(int limit) {
        this.limit = limit;
        this.kept = new PriorityQueue<>(WORST_FIRST.reversed());
    }

    void offer(RankedImage image) {
        if (limit == 0) {
            return;
        }
        if (kept.size() < limit) {
            kept.add(image);
        } else if (WORST_FIRST.compare(image, kept.peek()) < 0) {
            kept.poll();
            kept.add(image);
        }
    }

    void offerAll(List<RankedImage> images) {
        images.forEach(this::offer);
    }

    /** The kept images, worst first. */
    List<RankedImage> worstFirst() {
        List<RankedImage> sorted = new ArrayList<>(kept);
        sorted.sort(WORST_FIRST);
        return sorted;
    }
}
