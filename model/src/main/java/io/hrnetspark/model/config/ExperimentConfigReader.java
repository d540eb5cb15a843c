package io.hrnetspark.model.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an official experiment YAML file as it is. Keys the file leaves out take the defaults of
 * the official {@code lib/config/default.py} of the network's repository; keys this project does
 * not use are ignored; a value that cannot build a working network is refused with one sentence
 * naming the file and the field.
 */
public final class ExperimentConfigReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String[] STAGE_KEYS = {"STAGE2", "STAGE3", "STAGE4"};
    /** Pose networks downsample by 32 before upsampling back in the fuse layers. */
    private static final int POSE_INPUT_MULTIPLE = 32;
    private static final int HEATMAP_STRIDE = 4;
    /** The joint counts the official bottom-up grouping order ({@code Params.joint_order}) can visit. */
    private static final int MIN_GROUPED_JOINTS = 13;
    private static final int MAX_GROUPED_JOINTS = 17;

    private ExperimentConfigReader() {
    }

    /** The experiment in {@code file}; throws {@link InvalidInputException} for any problem with it. */
    public static ExperimentConfig read(Path file) {
        try {
            return read(Files.readAllBytes(file), file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Config file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config file " + file, e);
        }
    }

    /**
     * The experiment in the YAML text of a file read elsewhere (e.g. from HDFS, or shipped to a Spark
     * executor); {@code file} names it in messages and becomes the config's source.
     */
    public static ExperimentConfig read(byte[] yaml, Path file) {
        ConfigNode root = ConfigNode.root(file, parse(yaml, file));
        ConfigNode model = root.section("MODEL");
        String name = model.string("NAME", TopDownPoseConfig.MODEL_NAME);
        return switch (name) {
            case TopDownPoseConfig.MODEL_NAME -> topDownPose(file, root);
            case BottomUpPoseConfig.MODEL_NAME -> bottomUpPose(file, root);
            case SegmentationConfig.MODEL_NAME -> segmentation(file, root);
            default -> throw model.invalid("NAME", "is '" + name + "', which is not supported; use "
                    + TopDownPoseConfig.MODEL_NAME + ", " + BottomUpPoseConfig.MODEL_NAME + " or "
                    + SegmentationConfig.MODEL_NAME);
        };
    }

    private static JsonNode parse(byte[] yaml, Path file) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("Config file " + file
                        + " is not a YAML mapping of sections; pass an official experiment file.");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInputException("Config file " + file + " is not valid YAML ("
                    + e.getOriginalMessage().lines().findFirst().orElse("parse error") + ").", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config file " + file, e);
        }
    }

    // Defaults: deep-high-resolution-net.pytorch lib/config/default.py.
    private static TopDownPoseConfig topDownPose(Path file, ConfigNode root) {
        ConfigNode model = root.section("MODEL");
        ImageSize imageSize = size(model, "IMAGE_SIZE", List.of(256, 256));
        requireMultiple(model, "IMAGE_SIZE", imageSize, POSE_INPUT_MULTIPLE);
        ImageSize heatmapSize = size(model, "HEATMAP_SIZE", List.of(64, 64));
        ImageSize expectedHeatmap = new ImageSize(imageSize.width() / HEATMAP_STRIDE,
                imageSize.height() / HEATMAP_STRIDE);
        if (!heatmapSize.equals(expectedHeatmap)) {
            throw model.invalid("HEATMAP_SIZE", "is [" + heatmapSize.width() + ", " + heatmapSize.height()
                    + "] but the network outputs a quarter of IMAGE_SIZE, [" + expectedHeatmap.width()
                    + ", " + expectedHeatmap.height() + "]");
        }
        PoseModelConfig poseModel = new PoseModelConfig(
                model.string("NAME", TopDownPoseConfig.MODEL_NAME),
                model.positiveInt("NUM_JOINTS", 17),
                imageSize, heatmapSize,
                extra(model.requiredSection("EXTRA"), HrnetBackboneConfig.POSE_LAYER1));

        ConfigNode dataset = root.section("DATASET");
        DatasetConfig datasetConfig = new DatasetConfig(
                dataset.string("DATASET", "mpii"), dataset.bool("COLOR_RGB", false));

        ConfigNode test = root.section("TEST");
        TopDownTestConfig testConfig = new TopDownTestConfig(
                test.positiveInt("BATCH_SIZE_PER_GPU", 32),
                test.bool("FLIP_TEST", false),
                test.bool("SHIFT_HEATMAP", false),
                test.bool("POST_PROCESS", false),
                test.bool("USE_GT_BBOX", false),
                test.number("IMAGE_THRE", 0.1),
                test.number("NMS_THRE", 0.6),
                test.bool("SOFT_NMS", false),
                test.number("OKS_THRE", 0.5),
                test.number("IN_VIS_THRE", 0.0));
        return new TopDownPoseConfig(file, poseModel, datasetConfig, testConfig);
    }

    // Defaults: HigherHRNet-Human-Pose-Estimation lib/config/default.py (MODEL.EXTRA has none there).
    private static BottomUpPoseConfig bottomUpPose(Path file, ConfigNode root) {
        ConfigNode model = root.section("MODEL");
        ConfigNode dataset = root.section("DATASET");
        ConfigNode loss = root.section("LOSS");
        ConfigNode test = root.section("TEST");
        if (dataset.bool("WITH_CENTER", false)) {
            throw dataset.invalid("WITH_CENTER", "is true, but the centre heatmap variant has no official "
                    + "released model and is not supported; set it to false");
        }
        int numJoints = model.positiveInt("NUM_JOINTS", 17);
        if (numJoints < MIN_GROUPED_JOINTS || numJoints > MAX_GROUPED_JOINTS) {
            throw model.invalid("NUM_JOINTS", "is " + numJoints + ", but the official grouping visits joints in a "
                    + "fixed order made for " + MIN_GROUPED_JOINTS + " to " + MAX_GROUPED_JOINTS
                    + " joints (COCO 17, CrowdPose 14)");
        }
        int datasetJoints = dataset.positiveInt("NUM_JOINTS", 17);
        if (datasetJoints != numJoints) {
            throw dataset.invalid("NUM_JOINTS", "is " + datasetJoints + " but " + model.field("NUM_JOINTS")
                    + " is " + numJoints + "; give both the dataset's joint count");
        }
        int inputSize = dataset.positiveInt("INPUT_SIZE", 512);
        if (inputSize % POSE_INPUT_MULTIPLE != 0) {
            throw dataset.invalid("INPUT_SIZE", "is " + inputSize + ", but the network needs a multiple of "
                    + POSE_INPUT_MULTIPLE);
        }
        ConfigNode extraNode = model.requiredSection("EXTRA");
        DeconvConfig deconv = deconv(extraNode.requiredSection("DECONV"));
        int numStages = loss.positiveInt("NUM_STAGES", 1);
        int numOutputs = deconv.numDeconvs() + 1;
        if (numStages < numOutputs) {
            throw loss.invalid("NUM_STAGES", "is " + numStages + " but the network has " + numOutputs
                    + " outputs (" + extraNode.field("DECONV.NUM_DECONVS") + " + 1); give one stage per output");
        }
        List<Boolean> withHeatmapsLoss = stageList(loss, "WITH_HEATMAPS_LOSS", numStages);
        List<Boolean> withAeLoss = stageList(loss, "WITH_AE_LOSS", numStages);
        List<Boolean> withHeatmaps = stageList(test, "WITH_HEATMAPS", numStages);
        List<Boolean> withAe = stageList(test, "WITH_AE", numStages);
        requireSomeStage(test, "WITH_HEATMAPS", withHeatmaps, withHeatmapsLoss, numOutputs, "heatmaps");
        requireSomeStage(test, "WITH_AE", withAe, withAeLoss, numOutputs, "tag maps");

        List<Integer> outputSize = dataset.positiveIntListOrSingle("OUTPUT_SIZE", List.of(128, 256, 512));
        for (int i = 0; i < Math.min(outputSize.size(), numOutputs); i++) {
            int expected = inputSize / HEATMAP_STRIDE << i;
            if (outputSize.get(i) != expected) {
                throw dataset.invalid("OUTPUT_SIZE", "is " + outputSize + " but the network's output " + i
                        + " is " + expected + " pixels wide for INPUT_SIZE " + inputSize);
            }
        }
        HigherHrnetModelConfig modelConfig = new HigherHrnetModelConfig(
                model.string("NAME", BottomUpPoseConfig.MODEL_NAME), numJoints, model.bool("TAG_PER_JOINT", true),
                extra(extraNode, HrnetBackboneConfig.POSE_LAYER1), deconv, withHeatmapsLoss, withAeLoss);
        BottomUpDataset data = new BottomUpDataset(dataset.string("DATASET", "coco_kpt"), numJoints,
                dataset.positiveInt("MAX_NUM_PEOPLE", 30), inputSize, outputSize);
        return new BottomUpPoseConfig(file, modelConfig, data, bottomUpTest(test, withHeatmaps, withAe));
    }

    private static BottomUpTestConfig bottomUpTest(ConfigNode test, List<Boolean> withHeatmaps, List<Boolean> withAe) {
        List<Double> scaleFactors = test.positiveNumberList("SCALE_FACTOR", List.of(1.0));
        if (scaleFactors.isEmpty()) {
            throw test.invalid("SCALE_FACTOR", "is empty; give at least one scale, e.g. [1]");
        }
        if (scaleFactors.size() > 1 && !scaleFactors.contains(1.0)) {
            throw test.invalid("SCALE_FACTOR", "is " + scaleFactors + ", but with several scales the tags are "
                    + "taken at scale 1; include 1");
        }
        double detectionThreshold = test.number("DETECTION_THRESHOLD", 0.2);
        if (detectionThreshold < 0) {
            throw test.invalid("DETECTION_THRESHOLD", "is " + detectionThreshold + "; give a heatmap value of 0 or more");
        }
        int nmsKernel = test.positiveInt("NMS_KERNEL", 3);
        int nmsPadding = test.nonNegativeInt("NMS_PADDING", 1);
        if (nmsKernel % 2 == 0 || nmsPadding != (nmsKernel - 1) / 2) {
            throw test.invalid("NMS_PADDING", "is " + nmsPadding + " with NMS_KERNEL " + nmsKernel
                    + ", but the peak search keeps the map size only with an odd kernel and padding (kernel - 1) / 2");
        }
        return new BottomUpTestConfig(
                test.bool("FLIP_TEST", false),
                test.bool("ADJUST", true),
                test.bool("REFINE", true),
                scaleFactors,
                detectionThreshold,
                test.number("TAG_THRESHOLD", 1.0),
                test.bool("USE_DETECTION_VAL", true),
                test.bool("IGNORE_TOO_MUCH", false),
                nmsKernel, nmsPadding,
                test.bool("PROJECT2IMAGE", false),
                withHeatmaps, withAe);
    }

    private static DeconvConfig deconv(ConfigNode deconv) {
        int numDeconvs = deconv.nonNegativeInt("NUM_DECONVS", -1);
        if (numDeconvs < 0) {
            throw deconv.invalid("NUM_DECONVS", "is missing; add it as in the official experiment files");
        }
        List<Integer> channels = numDeconvs == 0 ? List.of() : deconv.positiveIntList("NUM_CHANNELS");
        List<Integer> kernels = numDeconvs == 0 ? List.of() : deconv.positiveIntList("KERNEL_SIZE");
        List<Boolean> catOutput = numDeconvs == 0 ? List.of() : deconv.boolList("CAT_OUTPUT", null);
        if (catOutput == null) {
            throw deconv.invalid("CAT_OUTPUT", "is missing; add it as in the official experiment files");
        }
        requireAtLeast(deconv, "NUM_CHANNELS", channels.size(), numDeconvs);
        requireAtLeast(deconv, "KERNEL_SIZE", kernels.size(), numDeconvs);
        requireAtLeast(deconv, "CAT_OUTPUT", catOutput.size(), numDeconvs);
        for (int kernel : kernels.subList(0, numDeconvs)) {
            if (kernel != 2 && kernel != 4) {
                throw deconv.invalid("KERNEL_SIZE", "is " + kernels + ", but only kernels 4 (as in the official "
                        + "experiments) and 2 are supported; kernel 3 needs an output padding this runtime lacks");
            }
        }
        return new DeconvConfig(numDeconvs, channels, kernels, deconv.nonNegativeInt("NUM_BASIC_BLOCKS", 0),
                catOutput);
    }

    private static void requireAtLeast(ConfigNode section, String key, int size, int numDeconvs) {
        if (size < numDeconvs) {
            throw section.invalid(key, "has " + size + " entries but " + section.field("NUM_DECONVS") + " is "
                    + numDeconvs + "; give one entry per deconv stage");
        }
    }

    /** A per-stage switch list ({@code LOSS.*}, {@code TEST.WITH_*}), as long as {@code LOSS.NUM_STAGES}. */
    private static List<Boolean> stageList(ConfigNode section, String key, int numStages) {
        List<Boolean> values = section.boolList(key, List.of(true));
        if (values.size() != numStages) {
            throw section.invalid(key, "has " + values.size() + " entries but LOSS.NUM_STAGES is " + numStages
                    + "; give one entry per stage");
        }
        return values;
    }

    private static void requireSomeStage(ConfigNode test, String key, List<Boolean> use, List<Boolean> trained,
                                         int numOutputs, String what) {
        for (int i = 0; i < numOutputs; i++) {
            if (use.get(i) && trained.get(i)) {
                return;
            }
        }
        throw test.invalid(key, "is " + use + " and selects no output that has " + what
                + " (see LOSS); enable at least one");
    }

    // Defaults: HRNet-Semantic-Segmentation lib/config/default.py.
    private static SegmentationConfig segmentation(Path file, ConfigNode root) {
        ConfigNode model = root.section("MODEL");
        int numOutputs = model.positiveInt("NUM_OUTPUTS", 1);
        if (numOutputs != 1) {
            throw model.invalid("NUM_OUTPUTS", "is " + numOutputs + ", but " + SegmentationConfig.MODEL_NAME
                    + " has one output; use 1 (several outputs belong to the OCR networks)");
        }
        ConfigNode extra = model.requiredSection("EXTRA");
        SegmentationModelConfig segmentationModel = new SegmentationModelConfig(
                model.string("NAME", SegmentationConfig.MODEL_NAME),
                model.bool("ALIGN_CORNERS", true),
                extra(extra, layer1(extra.requiredSection("STAGE1"))));

        ConfigNode dataset = root.section("DATASET");
        DatasetConfig datasetConfig = new DatasetConfig(dataset.string("DATASET", "cityscapes"), true);

        ConfigNode test = root.section("TEST");
        List<Double> scales = test.positiveNumberList("SCALE_LIST", List.of(1.0));
        if (scales.isEmpty()) {
            throw test.invalid("SCALE_LIST", "is empty; give at least one scale, e.g. [1]");
        }
        SegmentationTestConfig testConfig = new SegmentationTestConfig(
                size(test, "IMAGE_SIZE", List.of(2048, 1024)),
                test.positiveInt("BASE_SIZE", 2048),
                test.positiveInt("BATCH_SIZE_PER_GPU", 32),
                test.bool("FLIP_TEST", false),
                test.bool("MULTI_SCALE", false),
                scales);
        return new SegmentationConfig(file, segmentationModel, datasetConfig,
                dataset.positiveInt("NUM_CLASSES", 19),
                root.section("TRAIN").integer("IGNORE_LABEL", -1),
                testConfig);
    }

    /**
     * {@code layer1} of the segmentation network from {@code STAGE1}: the official code reads only
     * {@code BLOCK} and the first entries of {@code NUM_BLOCKS} and {@code NUM_CHANNELS} (the official
     * files even spell {@code NUM_BRANCHES} as {@code NUM_RANCHES} there).
     */
    private static StageConfig layer1(ConfigNode stage1) {
        BlockType block = block(stage1);
        List<Integer> numBlocks = stage1.positiveIntList("NUM_BLOCKS");
        List<Integer> numChannels = stage1.positiveIntList("NUM_CHANNELS");
        if (numBlocks.isEmpty()) {
            throw stage1.invalid("NUM_BLOCKS", "is empty; give the block count of layer1, e.g. [4]");
        }
        if (numChannels.isEmpty()) {
            throw stage1.invalid("NUM_CHANNELS", "is empty; give the width of layer1, e.g. [64]");
        }
        return new StageConfig(1, 1, block, List.of(numBlocks.get(0)), List.of(numChannels.get(0)));
    }

    private static HrnetExtra extra(ConfigNode extra, StageConfig layer1) {
        int finalConvKernel = extra.requiredPositiveInt("FINAL_CONV_KERNEL");
        if (finalConvKernel != 1 && finalConvKernel != 3) {
            throw extra.invalid("FINAL_CONV_KERNEL", "is " + finalConvKernel
                    + ", but the official networks only pad kernels 1 and 3 to keep the size; use 1 or 3");
        }
        List<StageConfig> stages = new ArrayList<>();
        for (String key : STAGE_KEYS) {
            stages.add(stage(extra.requiredSection(key)));
        }
        return new HrnetExtra(new HrnetBackboneConfig(layer1, stages), finalConvKernel,
                extra.stringList("PRETRAINED_LAYERS", List.of()));
    }

    private static BlockType block(ConfigNode stage) {
        String blockName = stage.string("BLOCK", null);
        if (blockName == null) {
            throw stage.invalid("BLOCK", "is missing; use BASIC or BOTTLENECK");
        }
        try {
            return BlockType.valueOf(blockName);
        } catch (IllegalArgumentException e) {
            throw stage.invalid("BLOCK", "is '" + blockName + "', which is not a block type; use BASIC or BOTTLENECK");
        }
    }

    private static StageConfig stage(ConfigNode stage) {
        BlockType block = block(stage);
        String fuseMethod = stage.string("FUSE_METHOD", "SUM");
        if (!"SUM".equals(fuseMethod)) {
            throw stage.invalid("FUSE_METHOD", "is '" + fuseMethod + "', but HRNet fuses branches by SUM only");
        }
        int numModules = stage.requiredPositiveInt("NUM_MODULES");
        int numBranches = stage.requiredPositiveInt("NUM_BRANCHES");
        List<Integer> numBlocks = stage.positiveIntList("NUM_BLOCKS");
        List<Integer> numChannels = stage.positiveIntList("NUM_CHANNELS");
        requireLength(stage, "NUM_BLOCKS", numBlocks, numBranches);
        requireLength(stage, "NUM_CHANNELS", numChannels, numBranches);
        return new StageConfig(numModules, numBranches, block, numBlocks, numChannels);
    }

    private static void requireLength(ConfigNode stage, String key, List<Integer> values, int numBranches) {
        if (values.size() != numBranches) {
            throw stage.invalid(key, "has " + values.size() + " entries but " + stage.field("NUM_BRANCHES")
                    + " is " + numBranches + "; give one entry per branch");
        }
    }

    private static ImageSize size(ConfigNode section, String key, List<Integer> defaultValue) {
        List<Integer> wh = section.positiveIntList(key, defaultValue);
        if (wh.size() != 2) {
            throw section.invalid(key, "has " + wh.size() + " entries; give [width, height]");
        }
        return new ImageSize(wh.get(0), wh.get(1));
    }

    private static void requireMultiple(ConfigNode section, String key, ImageSize size, int multiple) {
        if (size.width() % multiple != 0 || size.height() % multiple != 0) {
            throw section.invalid(key, String.format(Locale.ROOT,
                    "is [%d, %d], but the network needs a width and height that are multiples of %d",
                    size.width(), size.height(), multiple));
        }
    }
}
