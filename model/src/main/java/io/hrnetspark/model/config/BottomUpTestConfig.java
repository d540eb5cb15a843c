package io.hrnetspark.model.config;

import java.util.List;

/**
 * {@code TEST} of a HigherHRNet experiment, with the meaning the official
 * {@code HigherHRNet-Human-Pose-Estimation} test code ({@code tools/valid.py}) gives each key.
 *
 * @param flipTest            also run the mirrored image and average ({@code FLIP_TEST})
 * @param adjust              quarter-pixel step towards the higher neighbour and +0.5 ({@code ADJUST})
 * @param refine              fill missing joints from the maps near the person's tag ({@code REFINE})
 * @param scaleFactors        image scales, 1 = {@code INPUT_SIZE} on the shorter side ({@code SCALE_FACTOR})
 * @param detectionThreshold  heatmap peaks above this start or join people ({@code DETECTION_THRESHOLD})
 * @param tagThreshold        a peak joins a person whose mean tag is nearer than this ({@code TAG_THRESHOLD})
 * @param useDetectionVal     matching cost: rounded tag distance x 100 minus the peak value ({@code USE_DETECTION_VAL})
 * @param ignoreTooMuch       skip a joint once {@code MAX_NUM_PEOPLE} people exist ({@code IGNORE_TOO_MUCH})
 * @param nmsKernel           max-pool window of the peak search ({@code NMS_KERNEL})
 * @param nmsPadding          its padding ({@code NMS_PADDING}), {@code (NMS_KERNEL - 1) / 2}
 * @param project2image       resize the maps to the network input size before grouping ({@code PROJECT2IMAGE})
 * @param withHeatmaps        per output, average its heatmaps ({@code WITH_HEATMAPS})
 * @param withAe              per output, use its tag maps ({@code WITH_AE})
 */
public record BottomUpTestConfig(boolean flipTest, boolean adjust, boolean refine, List<Double> scaleFactors,
                                 double detectionThreshold, double tagThreshold, boolean useDetectionVal,
                                 boolean ignoreTooMuch, int nmsKernel, int nmsPadding, boolean project2image,
                                 List<Boolean> withHeatmaps, List<Boolean> withAe) {

    public BottomUpTestConfig {
        scaleFactors = List.copyOf(scaleFactors);
        withHeatmaps = List.copyOf(withHeatmaps);
        withAe = List.copyOf(withAe);
        if (scaleFactors.isEmpty() || scaleFactors.stream().anyMatch(s -> !(s > 0))) {
            throw new IllegalArgumentException("SCALE_FACTOR must be positive numbers: " + scaleFactors);
        }
        if (nmsKernel < 1 || nmsKernel % 2 == 0 || nmsPadding != (nmsKernel - 1) / 2) {
            throw new IllegalArgumentException("NMS_KERNEL must be odd with NMS_PADDING (kernel - 1) / 2: "
                    + nmsKernel + ", " + nmsPadding);
        }
    }

    /** The smallest scale factor, which sets the size alignment of all scales. */
    public double minScale() {
        return scaleFactors.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }
}
