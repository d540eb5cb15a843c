package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-image step of the evaluation ({@code computeOks}/{@code computeIoU} then
 * {@code evaluateImg} for every area range): a pure function of one image's ground truth and
 * detections, so it can run anywhere (a Spark executor) and its results be accumulated elsewhere.
 */
public final class ImageMatcher implements Serializable {

    private final EvalProtocol protocol;
    private final EvalParams params;
    private final int[] categoryIds;
    private final Similarity similarity;

    /**
     * @param categoryIds the evaluated categories (the ground truth's); annotations of other
     *                    categories are left out, as {@code getAnnIds(catIds=...)} does
     */
    public ImageMatcher(EvalProtocol protocol, int[] categoryIds) {
        this.protocol = protocol;
        this.params = protocol.params();
        this.categoryIds = categoryIds.clone();
        this.similarity = protocol.similarity();
    }

    public EvalParams params() {
        return params;
    }

    /**
     * Every evaluated category of one image: for each category with any ground truth or
     * detection, one {@link ImageEvaluation} per area range (ascending category id).
     *
     * @param gts all ground-truth annotations of the image, file order
     * @param dts all detections of the image, results-file order
     */
    public List<ImageEvaluation> evaluateImage(CocoImage image, List<CocoAnnotation> gts,
                                               List<CocoAnnotation> dts) {
        Map<Integer, List<CocoAnnotation>> gtByCategory = byCategory(gts);
        Map<Integer, List<CocoAnnotation>> dtByCategory = byCategory(dts);
        List<ImageEvaluation> out = new ArrayList<>();
        for (int categoryId : categoryIds) {
            out.addAll(evaluate(image, categoryId,
                    gtByCategory.getOrDefault(categoryId, List.of()),
                    dtByCategory.getOrDefault(categoryId, List.of())));
        }
        return out;
    }

    /**
     * {@code evaluateImg} for one image and category over all area ranges, in area-range order;
     * empty when there is neither ground truth nor detection.
     */
    public List<ImageEvaluation> evaluate(CocoImage image, int categoryId, List<CocoAnnotation> gts,
                                          List<CocoAnnotation> dts) {
        if (gts.isEmpty() && dts.isEmpty()) {
            return List.of();
        }
        List<CocoAnnotation> ranked = rankAndCut(dts);
        double[][] ious = similarity.compute(image, gts, ranked);
        List<ImageEvaluation> out = new ArrayList<>(params.areaRanges().size());
        for (int a = 0; a < params.areaRanges().size(); a++) {
            out.add(match(image.id(), categoryId, a, gts, ranked, ious));
        }
        return out;
    }

    /**
     * The similarity matrix as {@code COCOeval.ious[(imageId, categoryId)]} holds it: detections
     * by descending score (stable), cut to the largest maxDet; ground truths in file order.
     */
    public double[][] similarity(CocoImage image, List<CocoAnnotation> gts, List<CocoAnnotation> dts) {
        return similarity.compute(image, gts, rankAndCut(dts));
    }

    private List<CocoAnnotation> rankAndCut(List<CocoAnnotation> dts) {
        double[] scores = new double[dts.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = dts.get(i).score();
        }
        int[] order = StableOrder.byDescendingScore(scores);
        int keep = Math.min(order.length, params.maxDet());
        List<CocoAnnotation> ranked = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            ranked.add(dts.get(order[i]));
        }
        return ranked;
    }

    private ImageEvaluation match(long imageId, int categoryId, int areaIndex,
                                  List<CocoAnnotation> gts, List<CocoAnnotation> dts, double[][] ious) {
        AreaRange range = params.areaRanges().get(areaIndex);
        int numGt = gts.size();
        int numDt = dts.size();
        boolean[] ignoreInRange = new boolean[numGt];
        for (int g = 0; g < numGt; g++) {
            CocoAnnotation gt = gts.get(g);
            ignoreInRange[g] = protocol.ignored(gt) || range.outside(protocol.gtArea().of(gt));
        }
        // Stable sort by ignore flag: GTs kept in this range first.
        int[] gtOrder = new int[numGt];
        int next = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int g = 0; g < numGt; g++) {
                if (ignoreInRange[g] == (pass == 1)) {
                    gtOrder[next++] = g;
                }
            }
        }
        long[] gtIds = new long[numGt];
        boolean[] gtIgnore = new boolean[numGt];
        boolean[] crowd = new boolean[numGt];
        for (int g = 0; g < numGt; g++) {
            CocoAnnotation gt = gts.get(gtOrder[g]);
            gtIds[g] = gt.id();
            gtIgnore[g] = ignoreInRange[gtOrder[g]];
            crowd[g] = gt.crowd();
        }
        long[] dtIds = new long[numDt];
        double[] dtScores = new double[numDt];
        for (int d = 0; d < numDt; d++) {
            dtIds[d] = dts.get(d).id();
            dtScores[d] = dts.get(d).score();
        }

        double[] thresholds = params.iouThrs();
        long[][] dtMatches = new long[thresholds.length][numDt];
        long[][] gtMatches = new long[thresholds.length][numGt];
        boolean[][] dtIgnore = new boolean[thresholds.length][numDt];
        for (int t = 0; t < thresholds.length; t++) {
            for (int d = 0; d < numDt; d++) {
                double best = Math.min(thresholds[t], 1 - 1e-10);
                int m = -1;
                for (int g = 0; g < numGt; g++) {
                    if (gtMatches[t][g] > 0 && !crowd[g]) {
                        continue;
                    }
                    if (m > -1 && !gtIgnore[m] && gtIgnore[g]) {
                        break;
                    }
                    double iou = ious[d][gtOrder[g]];
                    if (iou < best) {
                        continue;
                    }
                    best = iou;
                    m = g;
                }
                if (m == -1) {
                    continue;
                }
                dtIgnore[t][d] = gtIgnore[m];
                dtMatches[t][d] = gtIds[m];
                gtMatches[t][m] = dtIds[d];
            }
        }
        for (int d = 0; d < numDt; d++) {
            if (range.outside(dts.get(d).area())) {
                for (int t = 0; t < thresholds.length; t++) {
                    if (dtMatches[t][d] == 0) {
                        dtIgnore[t][d] = true;
                    }
                }
            }
        }
        return new ImageEvaluation(imageId, categoryId, areaIndex, params.maxDet(), dtIds, dtScores,
                gtIds, dtMatches, gtMatches, dtIgnore, gtIgnore);
    }

    private static Map<Integer, List<CocoAnnotation>> byCategory(List<CocoAnnotation> anns) {
        Map<Integer, List<CocoAnnotation>> map = new LinkedHashMap<>();
        for (CocoAnnotation ann : anns) {
            map.computeIfAbsent(ann.categoryId(), c -> new ArrayList<>()).add(ann);
        }
        return map;
    }
}
