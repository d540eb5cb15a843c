package io.hrnetspark.model.config;

import java.util.List;

/**
 * The configurable part of an HRNet backbone: {@code layer1} (one branch of blocks after the
 * 64-channel stem; fixed to 4 Bottlenecks of 64 planes in the pose networks, {@code STAGE1} in the
 * segmentation network) and the multi-branch stages {@code STAGE2..STAGE4} in order.
 */
public record HrnetBackboneConfig(StageConfig layer1, List<StageConfig> stages) {

    /** The {@code layer1} every official pose network has: 4 Bottleneck blocks of 64 planes. */
    public static final StageConfig POSE_LAYER1 =
            new StageConfig(1, 1, BlockType.BOTTLENECK, List.of(4), List.of(64));

    public HrnetBackboneConfig {
        stages = List.copyOf(stages);
        if (layer1.numBranches() != 1 || layer1.numModules() != 1) {
            throw new IllegalArgumentException("layer1 has one module with one branch: " + layer1);
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("An HRNet backbone needs at least one multi-branch stage");
        }
    }

    /** The last stage, whose branches are the backbone's outputs. */
    public StageConfig lastStage() {
        return stages.get(stages.size() - 1);
    }
}
