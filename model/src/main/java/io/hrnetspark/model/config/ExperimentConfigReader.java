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
            case SegmentationConfig.MODEL_NAME -> segmentation(file, root);
            default -> throw model.invalid("NAME", "is '" + name + "', which is not supported; use "
                    + TopDownPoseConfig.MODEL_NAME + " or " + SegmentationConfig.MODEL_NAME);
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
