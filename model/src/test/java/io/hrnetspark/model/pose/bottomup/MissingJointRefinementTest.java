package io.hrnetspark.model.pose.bottomup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The refinement's pruned search finds what the plain search of every pixel finds (the official
 * {@code refine} loop), on maps full of ties, with negative values, and with a NaN tag.
 */
class MissingJointRefinementTest {

    private static final int JOINTS = 5;
    private static final int HEIGHT = 23;
    private static final int WIDTH = 31;
    private static final int DIM = 2;

    @Test
    void prunedSearchEqualsThePlainSearch() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            float[] det = new float[JOINTS * HEIGHT * WIDTH];
            float[] tag = new float[JOINTS * HEIGHT * WIDTH * DIM];
            for (int i = 0; i < det.length; i++) {
                det[i] = Math.round((random.nextFloat() * 3 - 0.5f) * 4) / 4f; // many ties
            }
            for (int i = 0; i < tag.length; i++) {
                tag[i] = (random.nextFloat() - 0.5f) * 4;
            }
            if (trial % 10 == 0) {
                tag[random.nextInt(tag.length)] = Float.NaN;
            }
            JointMaps maps = new JointMaps(JOINTS, HEIGHT, WIDTH, det);
            TagMaps tags = new TagMaps(JOINTS, HEIGHT, WIDTH, DIM, tag);
            float[][] person = new float[JOINTS][3 + DIM];
            person[1] = new float[] {4.6f, 7.2f, 0.8f, 0, 0};
            person[3] = new float[] {20.1f, 3.9f, 0.3f, 0, 0};
            float[][] expected = plainRefine(copy(person), maps, tags);
            MissingJointRefinement.refine(person, maps, tags);
            for (int j = 0; j < JOINTS; j++) {
                assertArrayEquals(expected[j], person[j], "trial " + trial + " joint " + j);
            }
        }
    }

    /** The official loop as written: every joint, every pixel, the first maximum (a NaN at once). */
    private static float[][] plainRefine(float[][] person, JointMaps det, TagMaps tags) {
        float[] mean = new float[DIM];
        int present = 0;
        for (int j = 0; j < JOINTS; j++) {
            if (person[j][2] > 0) {
                for (int d = 0; d < DIM; d++) {
                    mean[d] += tags.get(j, (int) person[j][1], (int) person[j][0], d);
                }
                present++;
            }
        }
        for (int d = 0; d < DIM; d++) {
            mean[d] /= present;
        }
        for (int j = 0; j < JOINTS; j++) {
            float best = 0;
            int bestY = 0;
            int bestX = 0;
            search:
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    float squares = 0;
                    for (int d = 0; d < DIM; d++) {
                        float diff = tags.get(j, y, x, d) - mean[d];
                        squares += diff * diff;
                    }
                    float score = det.get(j, y, x) - (float) Math.rint((float) Math.sqrt(squares));
                    if (y == 0 && x == 0 || score > best || Float.isNaN(score)) {
                        best = score;
                        bestY = y;
                        bestX = x;
                        if (Float.isNaN(score)) {
                            break search;
                        }
                    }
                }
            }
            float value = det.get(j, bestY, bestX);
            if (value > 0 && person[j][2] == 0) {
                person[j][0] = bestX + 0.5f + SubpixelStep.dx(det, j, bestX, bestY);
                person[j][1] = bestY + 0.5f + SubpixelStep.dy(det, j, bestX, bestY);
                person[j][2] = value;
            }
        }
        return person;
    }

    private static float[][] copy(float[][] person) {
        float[][] copy = new float[person.length][];
        for (int j = 0; j < person.length; j++) {
            copy[j] = person[j].clone();
        }
        return copy;
    }
}
