package io.hrnetspark.model.pose.bottomup;

import io.hrnetspark.model.config.BottomUpPoseConfig;

/**
 * The settings of the associative-embedding grouping ({@code HeatmapParser} of the official code).
 *
 * @param numJoints          joints per person
 * @param maxNumPeople       candidates per joint and people matched against ({@code DATASET.MAX_NUM_PEOPLE})
 * @param detectionThreshold peaks above this value take part ({@code TEST.DETECTION_THRESHOLD})
 * @param tagThreshold       a peak joins a person whose mean tag is nearer ({@code TEST.TAG_THRESHOLD})
 * @param useDetectionVal    cost = rounded tag distance x 100 - peak value ({@code TEST.USE_DETECTION_VAL})
 * @param ignoreTooMuch      skip a joint once {@code maxNumPeople} people exist ({@code TEST.IGNORE_TOO_MUCH})
 * @param nmsKernel          max-pool window of the peak search ({@code TEST.NMS_KERNEL}, odd)
 */
public record GroupingSettings(int numJoints, int maxNumPeople, double detectionThreshold, double tagThreshold,
                               boolean useDetectionVal, boolean ignoreTooMuch, int nmsKernel) {

    public GroupingSettings {
        if (numJoints < 1 || maxNumPeople < 1 || nmsKernel < 1 || nmsKernel % 2 == 0) {
            throw new IllegalArgumentException("Invalid grouping settings: " + numJoints + " joints, "
                    + maxNumPeople + " people, NMS kernel " + nmsKernel);
        }
    }

    public static GroupingSettings of(BottomUpPoseConfig config) {
        return new GroupingSettings(config.model().numJoints(), config.data().maxNumPeople(),
                config.test().detectionThreshold(), config.test().tagThreshold(), config.test().useDetectionVal(),
                config.test().ignoreTooMuch(), config.test().nmsKernel());
    }
}
