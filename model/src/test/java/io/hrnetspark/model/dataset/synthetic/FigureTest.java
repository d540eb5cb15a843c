package io.hrnetspark.model.dataset.synthetic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FigureTest {

    private static final LimbAngles STRAIGHT_DOWN = new LimbAngles(Math.toRadians(10), 0, 0, 0);
    private static final BodyPose STANDING = new BodyPose(0, 0, 0, 0, STRAIGHT_DOWN, STRAIGHT_DOWN,
            STRAIGHT_DOWN, STRAIGHT_DOWN);

    private static Figure standing(double yawDegrees) {
        SplittableRandom random = new SplittableRandom(1);
        return new Figure(BodyShape.sample(random), STANDING,
                new FigureView(Math.toRadians(yawDegrees), 0, 200, 100, 120), Outfit.sample(random, 200));
    }

    @Test
    void facingTheCameraThePersonsLeftIsOnTheImageRightAsCocoLabelsIt() {
        Figure figure = standing(0);
        double[][] k = figure.keypoints();
        for (int left = Skeleton.LEFT_EYE; left <= Skeleton.LEFT_ANKLE; left += 2) {
            assertTrue(k[left][0] > k[left + 1][0], "keypoint " + left + " right of its mirror " + (left + 1));
        }
        for (int face = Skeleton.NOSE; face <= Skeleton.RIGHT_EAR; face++) {
            assertTrue(figure.showsOn(face, BodyPart.HEAD), "face keypoint " + face + " shows from the front");
        }
        assertTrue(figure.showsOn(Skeleton.LEFT_SHOULDER, BodyPart.TORSO));
        assertTrue(figure.showsOn(Skeleton.RIGHT_HIP, BodyPart.TORSO));
    }

    @Test
    void inProfileTheFarEyeEarShoulderAndHipAreHidden() {
        // Turned +90 degrees the figure looks towards the image's right, its left side away from the camera.
        Figure figure = standing(90);
        double[][] k = figure.keypoints();
        assertTrue(k[Skeleton.NOSE][0] > k[Skeleton.RIGHT_EAR][0], "the nose points the way the figure looks");
        assertTrue(figure.showsOn(Skeleton.RIGHT_EYE, BodyPart.HEAD));
        assertTrue(figure.showsOn(Skeleton.RIGHT_EAR, BodyPart.HEAD));
        assertTrue(figure.showsOn(Skeleton.NOSE, BodyPart.HEAD));
        assertFalse(figure.showsOn(Skeleton.LEFT_EYE, BodyPart.HEAD));
        assertFalse(figure.showsOn(Skeleton.LEFT_EAR, BodyPart.HEAD));
        assertFalse(figure.showsOn(Skeleton.LEFT_SHOULDER, BodyPart.TORSO));
        assertFalse(figure.showsOn(Skeleton.LEFT_HIP, BodyPart.TORSO));
        assertTrue(figure.showsOn(Skeleton.RIGHT_SHOULDER, BodyPart.TORSO));
        assertTrue(figure.showsOn(Skeleton.LEFT_SHOULDER, BodyPart.LEFT_UPPER_ARM), "where its own arm shows, it shows");
    }

    @Test
    void aKeypointShowsOnlyOnThePartsItLiesOn() {
        Figure figure = standing(0);
        assertTrue(figure.showsOn(Skeleton.LEFT_WRIST, BodyPart.LEFT_HAND));
        assertFalse(figure.showsOn(Skeleton.LEFT_WRIST, BodyPart.TORSO), "an arm crossing the body hides the torso's keypoints");
        assertFalse(figure.showsOn(Skeleton.LEFT_KNEE, BodyPart.RIGHT_SHIN));
        assertFalse(figure.showsOn(Skeleton.NOSE, BodyPart.RIGHT_HAND));
    }
}
