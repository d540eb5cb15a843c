package io.hrnetspark.model.pose.bottomup;

import io.hrnetspark.model.image.AffineTransform;
import java.util.ArrayList;
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

    /**
     * {@code get_final_preds}: every joint's x, y (present or not) mapped by {@code mapToImage} and
     * stored as float32; the other columns and the scores unchanged.
     */
    public GroupedPeople mapped(AffineTransform mapToImage) {
        List<float[][]> mapped = new ArrayList<>(people.size());
        for (float[][] person : people) {
            float[][] joints = new float[person.length][];
            for (int j = 0; j < person.length; j++) {
                joints[j] = person[j].clone();
                joints[j][0] = (float) mapToImage.mapX(person[j][0], person[j][1]);
                joints[j][1] = (float) mapToImage.mapY(person[j][0], person[j][1]);
            }
            mapped.add(joints);
        }
        return new GroupedPeople(mapped, scores);
    }
}
