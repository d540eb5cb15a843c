package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.EvalProtocol;
import io.hrnetspark.model.eval.ImageAnnotations;
import io.hrnetspark.model.eval.ImageEvaluation;
import io.hrnetspark.model.eval.ImageMeanOks;
import io.hrnetspark.model.eval.ImageMatcher;
import io.hrnetspark.model.eval.KeypointErrors;
import io.hrnetspark.model.eval.MatchTally;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The executor side of an evaluation: per-image matching of one partition of images, and for
 * keypoints the per-keypoint errors and the partition's worst images.
 */
final class ImageBatchEvaluation implements FlatMapFunction<Iterator<ImageAnnotations>, PartitionOutcome> {

    private final EvalProtocol protocol;
    private final ImageMatcher matcher;
    private final int worstImages;

    /** @param worstImages how many of the worst images to send back (keypoints only), 0 for none */
    ImageBatchEvaluation(EvalProtocol protocol, ImageMatcher matcher, int worstImages) {
        this.protocol = protocol;
        this.matcher = matcher;
        this.worstImages = protocol.isKeypoints() ? worstImages : 0;
    }

    @Override
    public Iterator<PartitionOutcome> call(Iterator<ImageAnnotations> images) {
        List<MatchTally> tallies = new ArrayList<>();
        KeypointErrors errors = protocol.isKeypoints()
                ? KeypointErrors.empty(protocol.keypointSpec().numKeypoints()) : null;
        WorstImages worst = new WorstImages(worstImages);
        long count = 0;
        while (images.hasNext()) {
            ImageAnnotations image = images.next();
            List<ImageEvaluation> evaluations = matcher.evaluateImage(image.image(), image.gts(), image.dts());
            for (ImageEvaluation evaluation : evaluations) {
                tallies.add(evaluation.tally());
            }
            if (errors != null) {
                errors = errors.plus(KeypointErrors.measure(protocol, image, evaluations));
            }
            if (worstImages > 0) {
                ImageMeanOks.measure(protocol, image, evaluations)
                        .ifPresent(measure -> worst.offer(new RankedImage(measure, image)));
            }
            count++;
        }
        return List.of(new PartitionOutcome(tallies, errors, worst.worstFirst(), count)).iterator();
    }
}
