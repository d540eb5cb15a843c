package io.hrnetspark.model.net;

import io.hrnetspark.model.config.BlockType;
import io.hrnetspark.model.config.HrnetBackboneConfig;
import io.hrnetspark.model.config.StageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The HRNet backbone of the official {@code pose_hrnet.py} / {@code pose_higher_hrnet.py} /
 * {@code seg_hrnet.py}: a 64-channel stem of two stride-2 3x3 convolutions, {@code layer1}, then per
 * stage a transition (new lower-resolution branches through stride-2 3x3 convolutions) and
 * high-resolution modules whose branches are fused by 1x1 convolution + nearest upsampling (from
 * lower resolutions) and chains of stride-2 3x3 convolutions (from higher resolutions).
 *
 * <p>Branch {@code i} of a stage runs at 1/2^(i+2) of the input resolution. With
 * {@code multiScaleOutput} false the last module of the last stage fuses only into the
 * highest-resolution branch (the pose networks); with true it returns every branch (segmentation).
 * The pose networks upsample in the fuse layers by nearest neighbour, which needs input sizes that
 * are multiples of 32; the segmentation network resizes bilinearly to the target branch's size,
 * which works for any input size.
 */
public final class HrnetBackbone {

    private static final int STEM_CHANNELS = 64;

    private final HrnetBackboneConfig config;
    private final boolean multiScaleOutput;
    private final FuseUpsampling upsampling;

    /** The backbone of the pose networks, fusing with nearest-neighbour upsampling. */
    public HrnetBackbone(HrnetBackboneConfig config, boolean multiScaleOutput) {
        this(config, multiScaleOutput, FuseUpsampling.NEAREST);
    }

    public HrnetBackbone(HrnetBackboneConfig config, boolean multiScaleOutput, FuseUpsampling upsampling) {
        this.config = config;
        this.multiScaleOutput = multiScaleOutput;
        this.upsampling = upsampling;
    }

    /** Channels of each returned branch, highest resolution first. */
    public List<Integer> outputChannels() {
        StageConfig last = config.lastStage();
        List<Integer> channels = stageChannels(last);
        return multiScaleOutput ? channels : List.of(channels.get(0));
    }

    /** The branch outputs of the last stage, highest resolution first (only that one unless multi-scale). */
    public <T> List<T> forward(LayerOps<T> ops, T image) {
        T x = ops.relu(ops.convBn("conv1", "bn1", image, NetworkDefinition.INPUT_CHANNELS, STEM_CHANNELS, 3, 2));
        x = ops.relu(ops.convBn("conv2", "bn2", x, STEM_CHANNELS, STEM_CHANNELS, 3, 2));
        StageConfig layer1 = config.layer1();
        List<T> branches = List.of(branch(ops, "layer1", x, STEM_CHANNELS, layer1, 0));
        List<Integer> channels = List.of(layer1.outputChannels(0));
        List<StageConfig> stages = config.stages();
        for (int s = 0; s < stages.size(); s++) {
            StageConfig stage = stages.get(s);
            List<Integer> stageChannels = stageChannels(stage);
            branches = transition(ops, "transition" + (s + 1), branches, channels, stageChannels);
            boolean lastStage = s == stages.size() - 1;
            for (int m = 0; m < stage.numModules(); m++) {
                boolean allOutputs = multiScaleOutput || !lastStage || m < stage.numModules() - 1;
                branches = module(ops, "stage" + (s + 2) + "." + m, stage, branches, stageChannels, allOutputs);
            }
            channels = stageChannels;
        }
        return branches;
    }

    private static List<Integer> stageChannels(StageConfig stage) {
        List<Integer> channels = new ArrayList<>();
        for (int i = 0; i < stage.numBranches(); i++) {
            channels.add(stage.outputChannels(i));
        }
        return List.copyOf(channels);
    }

    /**
     * Branch {@code i} keeps its map, goes through a 3x3 convolution if its width changes, or (a new
     * branch) is made from the lowest-resolution branch by a chain of stride-2 3x3 convolutions.
     * The official pose code feeds a width-changing convolution the last branch instead of branch
     * {@code i}, which only runs when the two are the same; this follows the segmentation code.
     */
    private static <T> List<T> transition(LayerOps<T> ops, String name, List<T> previous,
                                          List<Integer> previousChannels, List<Integer> channels) {
        List<T> result = new ArrayList<>();
        int numPrevious = previous.size();
        for (int i = 0; i < channels.size(); i++) {
            String prefix = name + "." + i;
            if (i < numPrevious) {
                T x = previous.get(i);
                if (!channels.get(i).equals(previousChannels.get(i))) {
                    x = ops.relu(ops.convBn(prefix + ".0", prefix + ".1", x, previousChannels.get(i),
                            channels.get(i), 3, 1));
                }
                result.add(x);
            } else {
                T x = previous.get(numPrevious - 1);
                int inChannels = previousChannels.get(numPrevious - 1);
                int links = i + 1 - numPrevious;
                for (int j = 0; j < links; j++) {
                    int outChannels = j == links - 1 ? channels.get(i) : inChannels;
                    x = ops.relu(ops.convBn(prefix + "." + j + ".0", prefix + "." + j + ".1", x,
                            inChannels, outChannels, 3, 2));
                }
                result.add(x);
            }
        }
        return result;
    }

    private <T> List<T> module(LayerOps<T> ops, String name, StageConfig stage, List<T> inputs,
                                      List<Integer> channels, boolean allOutputs) {
        int n = stage.numBranches();
        List<T> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(branch(ops, name + ".branches." + i, inputs.get(i), channels.get(i), stage, i));
        }
        if (n == 1) {
            return x;
        }
        List<T> fused = new ArrayList<>();
        for (int i = 0; i < (allOutputs ? n : 1); i++) {
            T y = null;
            for (int j = 0; j < n; j++) {
                T term = j == i ? x.get(j)
                        : fuse(ops, name + ".fuse_layers." + i + "." + j, x.get(j), x.get(i), i, j, channels);
                y = y == null ? term : ops.add(y, term);
            }
            fused.add(ops.relu(y));
        }
        return fused;
    }

    /** Branch {@code from}'s map {@code x} brought to branch {@code to}, whose map is {@code target}. */
    private <T> T fuse(LayerOps<T> ops, String prefix, T x, T target, int to, int from, List<Integer> channels) {
        if (from > to) {
            T y = ops.convBn(prefix + ".0", prefix + ".1", x, channels.get(from), channels.get(to), 1, 1);
            return switch (upsampling) {
                case NEAREST -> ops.upsampleNearest(y, 1 << (from - to));
                case BILINEAR -> ops.resizeBilinear(y, target, false);
                case BILINEAR_ALIGN_CORNERS -> ops.resizeBilinear(y, target, true);
            };
        }
        int links = to - from;
        for (int k = 0; k < links; k++) {
            boolean last = k == links - 1;
            int outChannels = last ? channels.get(to) : channels.get(from);
            x = ops.convBn(prefix + "." + k + ".0", prefix + "." + k + ".1", x, channels.get(from),
                    outChannels, 3, 2);
            if (!last) {
                x = ops.relu(x);
            }
        }
        return x;
    }

    /** Branch {@code index} of {@code stage}: its blocks in sequence, the first with a projection if the width changes. */
    private static <T> T branch(LayerOps<T> ops, String name, T x, int inChannels, StageConfig stage, int index) {
        BlockType block = stage.block();
        int planes = stage.numChannels().get(index);
        int outChannels = stage.outputChannels(index);
        for (int b = 0; b < stage.numBlocks().get(index); b++) {
            int blockIn = b == 0 ? inChannels : outChannels;
            String prefix = name + "." + b;
            x = block == BlockType.BASIC
                    ? basicBlock(ops, prefix, x, blockIn, planes)
                    : bottleneck(ops, prefix, x, blockIn, planes);
        }
        return x;
    }

    private static <T> T basicBlock(LayerOps<T> ops, String prefix, T x, int inChannels, int planes) {
        T out = ops.relu(ops.convBn(prefix + ".conv1", prefix + ".bn1", x, inChannels, planes, 3, 1));
        out = ops.convBn(prefix + ".conv2", prefix + ".bn2", out, planes, planes, 3, 1);
        return ops.relu(ops.add(out, residual(ops, prefix, x, inChannels, planes)));
    }

    private static <T> T bottleneck(LayerOps<T> ops, String prefix, T x, int inChannels, int planes) {
        int outChannels = planes * BlockType.BOTTLENECK.expansion();
        T out = ops.relu(ops.convBn(prefix + ".conv1", prefix + ".bn1", x, inChannels, planes, 1, 1));
        out = ops.relu(ops.convBn(prefix + ".conv2", prefix + ".bn2", out, planes, planes, 3, 1));
        out = ops.convBn(prefix + ".conv3", prefix + ".bn3", out, planes, outChannels, 1, 1);
        return ops.relu(ops.add(out, residual(ops, prefix, x, inChannels, outChannels)));
    }

    private static <T> T residual(LayerOps<T> ops, String prefix, T x, int inChannels, int outChannels) {
        return inChannels == outChannels ? x
                : ops.convBn(prefix + ".downsample.0", prefix + ".downsample.1", x, inChannels, outChannels, 1, 1);
    }
}
