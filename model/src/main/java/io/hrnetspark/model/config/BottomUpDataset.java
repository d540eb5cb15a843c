package io.hrnetspark.model.config;

import java.util.List;

/**
 * {@code DATASET} of a HigherHRNet experiment as inference uses it: the dataset name (its flip index
 * comes from it: {@code coco...} or {@code crowd_pose...}), joints, the most people the grouping
 * keeps ({@code MAX_NUM_PEOPLE}), the shorter image side at scale 1 ({@code INPUT_SIZE}) and the
 * training output sizes ({@code OUTPUT_SIZE}, for the record).
 */
public record BottomUpDataset(String name, int numJoints, int maxNumPeople, int inputSize,
                              List<Integer> outputSize) {

    public BottomUpDataset {
        outputSize = List.copyOf(outputSize);
        if (numJoints < 1 || maxNumPeople < 1 || inputSize < 1) {
            throw new IllegalArgumentException("Inconsistent DATASET settings: " + numJoints + " joints, "
                    + maxNumPeople + " people, input " + inputSize);
        }
    }
}
