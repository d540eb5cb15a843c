package io.hrnetspark.model.eval;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.coco.CocoImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code COCOeval} against one ground truth: {@code evaluate → accumulate → summarize}. The steps
 * are separable for distribution: {@link #group} splits the work by image, {@link #matcher()}
 * does the per-image step anywhere, and {@link #summarize} accumulates any collection of tallies.
 */
public final class CocoEvaluator {

    private static final double CROWD_EASY_BELOW = 0.2;
    private static final double CROWD_HARD_FROM = 0.8;

    private final EvalProtocol protocol;
    private final CocoDataset gt;
    private final int[] categoryIds;
    private final ImageMatcher matcher;

    public CocoEvaluator(EvalProtocol protocol, CocoDataset gt) {
        this.protocol = protocol;
        this.gt = gt;
        this.categoryIds = gt.sortedCategoryIds();
        this.matcher = new ImageMatcher(protocol, categoryIds);
    }

    public EvalProtocol protocol() {
        return protocol;
    }

    /** The per-image step, serializable. */
    public ImageMatcher matcher() {
        return matcher;
    }

    /**
     * Checks the inputs, then groups the ground truth and results of the evaluated images and
     * categories by image (ascending image id); images with neither are left out.
     */
    public List<ImageAnnotations> group(CocoDataset results) {
        List<ImageAnnotations> images = groundTruthImages();
        protocol.checkResults(results);
        Map<Long, List<CocoAnnotation>> dts = byImage(results.annotations());
        List<ImageAnnotations> groups = new ArrayList<>();
        for (ImageAnnotations image : images) {
            List<CocoAnnotation> d = dts.getOrDefault(image.image().id(), List.of());
            if (!image.gts().isEmpty() || !d.isEmpty()) {
                groups.add(new ImageAnnotations(image.image(), image.gts(), d));
            }
        }
        return groups;
    }

    /**
     * Checks the ground truth, then lists every ground-truth image (ascending id) with its
     * annotations of the evaluated categories and no detections.
     */
    public List<ImageAnnotations> groundTruthImages() {
        protocol.checkGroundTruth(gt);
        Map<Long, List<CocoAnnotation>> gts = byImage(gt.annotations());
        List<ImageAnnotations> images = new ArrayList<>();
        for (long imageId : gt.sortedImageIds()) {
            images.add(new ImageAnnotations(gt.image(imageId), gts.getOrDefault(imageId, List.of()),
                    List.of()));
        }
        return images;
    }

    /** The evaluated categories (the ground truth's), ascending. */
    public int[] categoryIds() {
        return categoryIds.clone();
    }

    /** {@code evaluate()} on one machine: every image's {@code evaluateImg} results. */
    public List<ImageEvaluation> evaluateImages(CocoDataset results) {
        List<ImageEvaluation> out = new ArrayList<>();
        for (ImageAnnotations image : group(results)) {
            out.addAll(matcher.evaluateImage(image.image(), image.gts(), image.dts()));
        }
        return out;
    }

    /** The whole evaluation on one machine. */
    public EvaluationResult evaluate(CocoDataset results) {
        List<MatchTally> tallies = new ArrayList<>();
        for (ImageEvaluation evaluation : evaluateImages(results)) {
            tallies.add(evaluation.tally());
        }
        return summarize(tallies);
    }

    /** {@code accumulate()} and {@code summarize()} from per-image tallies in any order. */
    public EvaluationResult summarize(Collection<MatchTally> tallies) {
        EvalParams params = matcher.params();
        Accumulation accumulation = Accumulator.accumulate(params, categoryIds, tallies);
        if (protocol != EvalProtocol.CROWDPOSE_KEYPOINTS) {
            return new EvaluationResult(protocol, accumulation,
                    Summarizer.summarize(protocol, accumulation), List.of());
        }
        List<CrowdSubset> subsets = new ArrayList<>();
        double[] reported = new double[3];
        List<List<Long>> split = crowdIndexSplit();
        String[] names = {"easy", "medium", "hard"};
        for (int s = 0; s < names.length; s++) {
            Set<Long> members = new HashSet<>(split.get(s));
            List<MatchTally> subset = new ArrayList<>();
            for (MatchTally tally : tallies) {
                if (members.contains(tally.imageId())) {
                    subset.add(tally);
                }
            }
            double mean = Summarizer.subsetMeanPrecision(
                    Accumulator.accumulate(params, categoryIds, subset));
            reported[s] = NumpyMath.round(mean, 4);
            subsets.add(new CrowdSubset(names[s],
                    split.get(s).stream().mapToLong(Long::longValue).toArray(), mean, reported[s]));
        }
        return new EvaluationResult(protocol, accumulation,
                Summarizer.summarizeCrowdPose(accumulation, reported), subsets);
    }

    /** CrowdPose's split of all GT images: easy below 0.2, medium below 0.8, hard from 0.8. */
    private List<List<Long>> crowdIndexSplit() {
        List<List<Long>> split = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (CocoImage image : gt.images()) {
            Double ci = image.crowdIndex();
            if (ci == null) {
                throw new InvalidInputException(gt.source() + ": image " + image.id()
                        + " has no crowdIndex; CrowdPose evaluation splits images into easy,"
                        + " medium and hard by it.");
            }
            split.get(ci < CROWD_EASY_BELOW ? 0 : ci < CROWD_HARD_FROM ? 1 : 2).add(image.id());
        }
        return split;
    }

    private Map<Long, List<CocoAnnotation>> byImage(List<CocoAnnotation> anns) {
        Set<Integer> categories = new HashSet<>();
        for (int id : categoryIds) {
            categories.add(id);
        }
        Map<Long, List<CocoAnnotation>> map = new HashMap<>();
        for (CocoAnnotation ann : anns) {
            if (categories.contains(ann.categoryId())) {
                map.computeIfAbsent(ann.imageId(), i -> new ArrayList<>()).add(ann);
            }
        }
        return map;
    }
}
