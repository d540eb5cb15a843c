package io.hrnetspark.model.eval;

import java.io.Serializable;
import java.util.List;

/**
 * The end of an evaluation: the accumulated arrays, the summary, and for CrowdPose the three
 * difficulty subsets (empty otherwise).
 */
public record EvaluationResult(EvalProtocol protocol, Accumulation accumulation, Summary summary,
                               List<CrowdSubset> crowdSubsets) implements Serializable {

    public EvaluationResult {
        crowdSubsets = List.copyOf(crowdSubsets);
    }
}
