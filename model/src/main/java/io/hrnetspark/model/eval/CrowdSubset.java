package io.hrnetspark.model.eval;

import java.io.Serializable;

/**
 * One CrowdPose difficulty subset as {@code get_type_result} evaluates it.
 *
 * @param name          easy, medium or hard
 * @param imageIds      the images whose {@code crowdIndex} falls in the subset, file order
 * @param meanPrecision the unrounded mean of the subset's precision at area 'all'
 * @param reported      {@code meanPrecision} rounded to 4 decimals as NumPy does, the printed value
 */
public record CrowdSubset(String name, long[] imageIds, double meanPrecision, double reported)
        implements Serializable {
}
