package io.hrnetspark.model.eval;

import java.io.Serializable;

/**
 * What {@code COCOeval.evaluateImg} returns for one image, category and area range.
 *
 * @param areaIndex index into {@link EvalParams#areaRanges()}
 * @param dtIds     detection ids by descending score (stable), cut to {@code maxDet}
 * @param gtIds     ground-truth ids, those ignored in this area range last (stable)
 * @param dtMatches {@code [threshold][detection]} id of the matched GT, 0 for none
 * @param gtMatches {@code [threshold][gt]} id of the matched detection, 0 for none
 * @param dtIgnore  {@code [threshold][detection]} whether the detection is ignored
 * @param gtIgnore  per GT, whether it is ignored in this area range
 */
public record ImageEvaluation(long imageId, int categoryId, int areaIndex, int maxDet,
                              long[] dtIds, double[] dtScores, long[] gtIds, long[][] dtMatches,
                              long[][] gtMatches, boolean[][] dtIgnore, boolean[] gtIgnore)
        implements Serializable {

    /** The part {@code accumulate} needs, packed: one bit per threshold. */
    public MatchTally tally() {
        int numDt = dtIds.length;
        int[] matched = new int[numDt];
        int[] ignored = new int[numDt];
        for (int t = 0; t < dtMatches.length; t++) {
            for (int d = 0; d < numDt; d++) {
                if (dtMatches[t][d] != 0) {
                    matched[d] |= 1 << t;
                }
                if (dtIgnore[t][d]) {
                    ignored[d] |= 1 << t;
                }
            }
        }
        int numGt = 0;
        for (boolean ignore : gtIgnore) {
            if (!ignore) {
                numGt++;
            }
        }
        return new MatchTally(imageId, categoryId, areaIndex, dtScores.clone(), matched, ignored,
                numGt);
    }
}
