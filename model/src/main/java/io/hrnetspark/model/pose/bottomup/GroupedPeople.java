package io.hrnetspark.model.pose.bottomup;

import java.util.List;

/**
 * The people the grouping found, in creation order: per person its joints as rows
 * [x, y, value, tag 1..D] ({@code numJoints x (3 + D)}; zeros for a joint it lacks) and its score
 * (the mean value over all joints, taken before refinement). Coordinates are map pixels (input
 * pixels when the maps were projected to the input) until mapped back to the image.
 */
public record GroupedPeople(List<float[][]> people, float[] scores) {

    public GroupedPeople {
        people = List.copyOf(people);
        scores = scores.clone();
        if (people.size() != scores.length) {
            throw new IllegalArgumentException(people.size() + " people with " + scores.length + " scores");
        }
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    public int size() {
        return people.size();
    }
}
