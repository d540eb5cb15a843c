package io.hrnetspark.job.eval;

import io.hrnetspark.job.output.LocalPredictions;
import io.hrnetspark.job.output.StoredPerson;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.ImageAnnotations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A predictions Delta table as evaluation input, read in this JVM with {@link LocalPredictions} instead of on
 * Spark executors: the same kept rows, numbering, checks and messages as {@link PredictionsInput}.
 */
final class LocalPredictionsInput {

    private LocalPredictionsInput() {
    }

    /**
     * The ground-truth images with the kept predictions of the model from the Delta table {@code location}.
     *
     * @param columns the table's columns ({@link LocalPredictions#deltaColumns})
     */
    static List<ImageAnnotations> read(HadoopStorage storage, String location, Optional<String> modelId,
                                       List<String> columns, CocoEvaluator evaluator, CocoDataset gt) {
        PredictionsInput.requireKeypoints(location, evaluator.protocol());
        PredictionsInput.requireColumns(location, columns);
        List<StoredPerson> kept = new ArrayList<>();
        LocalPredictions.read(storage, location, modelId, person -> {
            if (person.nmsKept()) {
                kept.add(person);
            }
        });
        check(location, kept, evaluator, gt);
        kept.sort(Comparator.comparingLong(StoredPerson::imageId).thenComparingInt(StoredPerson::personIndex));
        int categoryId = PredictionsInput.keypointCategory(gt);
        Map<Long, List<CocoAnnotation>> byImage = new HashMap<>();
        long id = 0;
        for (StoredPerson person : kept) {
            byImage.computeIfAbsent(person.imageId(), image -> new ArrayList<>()).add(PredictionsInput.result(
                    person.imageId(), flat(person.keypoints()), person.score(), ++id, categoryId));
        }
        List<ImageAnnotations> images = new ArrayList<>();
        for (ImageAnnotations image : evaluator.groundTruthImages()) {
            images.addAll(PredictionsInput.withResults(image, byImage.getOrDefault(image.image().id(), List.of())));
        }
        return images;
    }

    private static void check(String location, List<StoredPerson> kept, CocoEvaluator evaluator, CocoDataset gt) {
        if (kept.isEmpty()) {
            throw PredictionsInput.nothingKept(location);
        }
        int numKeypoints = evaluator.protocol().keypointSpec().numKeypoints();
        List<StoredPerson> other = kept.stream().filter(p -> p.keypoints().length != numKeypoints).toList();
        if (!other.isEmpty()) {
            throw PredictionsInput.otherKeypointCount(location, other.size(),
                    other.stream().mapToLong(StoredPerson::imageId).min().orElseThrow(),
                    other.stream().mapToInt(p -> p.keypoints().length).min().orElseThrow(),
                    evaluator.protocol().dataset(), numKeypoints);
        }
        Set<Long> known = new HashSet<>();
        for (long imageId : gt.sortedImageIds()) {
            known.add(imageId);
        }
        List<Long> unknown = kept.stream().map(StoredPerson::imageId).filter(i -> !known.contains(i)).distinct()
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw PredictionsInput.unknownImages(location, unknown.size(), unknown.get(0), gt);
        }
    }

    private static double[] flat(float[][] keypoints) {
        double[] flat = new double[3 * keypoints.length];
        for (int k = 0; k < keypoints.length; k++) {
            flat[3 * k] = keypoints[k][0];
            flat[3 * k + 1] = keypoints[k][1];
            flat[3 * k + 2] = keypoints[k][2];
        }
        return flat;
    }
}
