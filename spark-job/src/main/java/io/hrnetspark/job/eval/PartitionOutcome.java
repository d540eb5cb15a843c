package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.KeypointErrors;
import io.hrnetspark.model.eval.MatchTally;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * What one partition's per-image matching sends back to the driver, serialized compactly by
 * {@link PackedPartitionOutcome}.
 *
 * @param keypointErrors summed over the partition's images; {@code null} for segm and bbox
 * @param worstImages    the partition's worst images, worst first (keypoints, when asked for)
 */
public record PartitionOutcome(List<MatchTally> tallies, KeypointErrors keypointErrors,
                               List<RankedImage> worstImages, long images)
        implements Serializable {

    @Serial
    private Object writeReplace() {
        return new PackedPartitionOutcome(this);
    }
}
