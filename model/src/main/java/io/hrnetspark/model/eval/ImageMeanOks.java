package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How well one image's people were found: over its ground-truth people that count (not ignored,
 * area 'all'), the mean OKS of the detection each was matched to at the loosest OKS threshold,
 * an unmatched person counting as 0. The report ranks images by it, lowest first.
 *
 * @param meanOks    the mean described above, in [0, 1]
 * @param people     ground-truth people that count
 * @param missed     of those, the ones no detection matched
 * @param personOks  OKS of every ground truth (by annotation id) that counts, 0 when missed
 */
public record ImageMeanOks(long imageId, double meanOks, int people, int missed,
                           Map<Long, Double> personOks) implements Serializable {

    /** Images ranked worst first: ascending mean OKS, then ascending image id. */
    public static int worstFirst(ImageMeanOks a, ImageMeanOks b) {
        int byOks = Double.compare(a.meanOks, b.meanOks);
        return byOks != 0 ? byOks : Long.compare(a.imageId, b.imageId);
    }

    /**
     * The measure of one image from its {@link ImageMatcher#evaluateImage} output; empty when no
     * ground-truth person of the image counts (crowd regions and people without labelled keypoints
     * only, or no ground truth at all).
     */
    public static Optional<ImageMeanOks> measure(EvalProtocol protocol, ImageAnnotations image,
                                                 List<ImageEvaluation> evaluations) {
        Map<Long, CocoAnnotation> gts = KeypointErrors.byId(image.gts());
        Map<Long, CocoAnnotation> dts = KeypointErrors.byId(image.dts());
        Similarity similarity = protocol.similarity();
        Map<Long, Double> personOks = new HashMap<>();
        double sum = 0;
        int missed = 0;
        for (ImageEvaluation evaluation : evaluations) {
            if (evaluation.areaIndex() != 0) {
                continue;
            }
            for (int g = 0; g < evaluation.gtIds().length; g++) {
                if (evaluation.gtIgnore()[g]) {
                    continue;
                }
                long dtId = evaluation.gtMatches()[0][g];
                double oks = 0;
                if (dtId == 0) {
                    missed++;
                } else {
                    oks = similarity.compute(image.image(), List.of(gts.get(evaluation.gtIds()[g])),
                            List.of(dts.get(dtId)))[0][0];
                }
                personOks.put(evaluation.gtIds()[g], oks);
                sum += oks;
            }
        }
        if (personOks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ImageMeanOks(image.image().id(), sum / personOks.size(), personOks.size(),
                missed, Map.copyOf(personOks)));
    }
}
