package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageMeanOksTest {

    private static Optional<ImageMeanOks> measure(TinySet set, int index) {
        CocoDataset gt = set.groundTruth();
        CocoEvaluator evaluator = new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt);
        ImageAnnotations image = evaluator.group(set.results(gt)).get(index);
        return ImageMeanOks.measure(EvalProtocol.COCO_KEYPOINTS, image,
                evaluator.matcher().evaluateImage(image.image(), image.gts(), image.dts()));
    }

    @Test
    void averagesTheMatchedOksOverCountedPeopleWithMissedPeopleAsZeroAndCrowdsLeftOut() {
        TinySet set = new TinySet(17).image(1, null);
        double[] found = set.person(200, 100);
        set.gt(1, 1, found, 17, 5000, new double[] {190, 90, 40, 120}, 0);
        set.gt(2, 1, set.person(400, 100), 17, 5000, new double[] {390, 90, 40, 120}, 0);
        set.gt(3, 1, set.person(50, 300), 0, 3000, new double[] {40, 290, 40, 120}, 1);
        set.result(1, TinySet.moved(found, 3, 4), 0.9);
        ImageMeanOks measured = measure(set, 0).orElseThrow();

        double sum = 0;
        for (double sigma : KeypointSpec.COCO.sigmas()) {
            sum += Math.exp(-25 / (4 * sigma * sigma) / (5000 + NumpyMath.EPS) / 2);
        }
        double oks = sum / 17;
        assertEquals(1, measured.imageId());
        assertEquals(2, measured.people());
        assertEquals(1, measured.missed());
        assertEquals(Map.of(1L, oks, 2L, 0.0), measured.personOks());
        assertEquals(oks / 2, measured.meanOks(), 1e-12);
    }

    @Test
    void aMatchBelowTheLoosestThresholdIsAMissAndImagesWithoutCountedPeopleAreNotMeasured() {
        TinySet set = new TinySet(17).image(1, null).image(2, null);
        double[] person = set.person(200, 100);
        set.gt(1, 1, person, 17, 5000, new double[] {190, 90, 40, 120}, 0);
        set.result(1, TinySet.moved(person, 40, 0), 0.9);
        set.gt(2, 2, set.person(50, 300), 0, 3000, new double[] {40, 290, 40, 120}, 1);
        set.result(2, set.person(50, 300), 0.8);

        ImageMeanOks far = measure(set, 0).orElseThrow();
        assertEquals(0.0, far.meanOks());
        assertEquals(1, far.missed());
        assertTrue(measure(set, 1).isEmpty(), "a crowd region alone is not ranked");
    }

    @Test
    void worstFirstOrdersByMeanOksThenImageId() {
        List<ImageMeanOks> images = new ArrayList<>(List.of(
                new ImageMeanOks(4, 0.5, 1, 0, Map.of()), new ImageMeanOks(9, 0.0, 1, 1, Map.of()),
                new ImageMeanOks(2, 0.5, 1, 0, Map.of()), new ImageMeanOks(7, 0.9, 1, 0, Map.of())));
        images.sort(ImageMeanOks::worstFirst);
        assertEquals(List.of(9L, 2L, 4L, 7L), images.stream().map(ImageMeanOks::imageId).toList());
    }
}
