package io.hrnetspark.model.dataset.synthetic;

import java.util.EnumSet;
import java.util.Set;

/** The drawn parts of a figure, and which parts each COCO keypoint lies on. */
enum BodyPart {
    TORSO, NECK, HEAD,
    LEFT_UPPER_ARM, LEFT_FOREARM, LEFT_HAND, RIGHT_UPPER_ARM, RIGHT_FOREARM, RIGHT_HAND,
    LEFT_THIGH, LEFT_SHIN, LEFT_FOOT, RIGHT_THIGH, RIGHT_SHIN, RIGHT_FOOT;

    private static final Set<BodyPart> FACE = EnumSet.of(HEAD);

    /** The parts whose pixels show COCO keypoint {@code k} when it is not hidden. */
    static Set<BodyPart> carrying(int k) {
        return switch (k) {
            case Skeleton.NOSE, Skeleton.LEFT_EYE, Skeleton.RIGHT_EYE, Skeleton.LEFT_EAR, Skeleton.RIGHT_EAR -> FACE;
            case Skeleton.LEFT_SHOULDER -> EnumSet.of(TORSO, LEFT_UPPER_ARM);
            case Skeleton.RIGHT_SHOULDER -> EnumSet.of(TORSO, RIGHT_UPPER_ARM);
            case Skeleton.LEFT_ELBOW -> EnumSet.of(LEFT_UPPER_ARM, LEFT_FOREARM);
            case Skeleton.RIGHT_ELBOW -> EnumSet.of(RIGHT_UPPER_ARM, RIGHT_FOREARM);
            case Skeleton.LEFT_WRIST -> EnumSet.of(LEFT_FOREARM, LEFT_HAND);
            case Skeleton.RIGHT_WRIST -> EnumSet.of(RIGHT_FOREARM, RIGHT_HAND);
            case Skeleton.LEFT_HIP -> EnumSet.of(TORSO, LEFT_THIGH);
            case Skeleton.RIGHT_HIP -> EnumSet.of(TORSO, RIGHT_THIGH);
            case Skeleton.LEFT_KNEE -> EnumSet.of(LEFT_THIGH, LEFT_SHIN);
            case Skeleton.RIGHT_KNEE -> EnumSet.of(RIGHT_THIGH, RIGHT_SHIN);
            case Skeleton.LEFT_ANKLE -> EnumSet.of(LEFT_SHIN, LEFT_FOOT);
            case Skeleton.RIGHT_ANKLE -> EnumSet.of(RIGHT_SHIN, RIGHT_FOOT);
            default -> throw new IllegalArgumentException("COCO keypoint index out of range: " + k);
        };
    }
}
