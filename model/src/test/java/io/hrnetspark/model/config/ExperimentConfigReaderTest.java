package io.hrnetspark.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentConfigReaderTest {

    /** The official configs shipped in conf/models at the repository top. */
    static Path officialConfig(String name) {
        return Path.of(System.getProperty("user.dir")).getParent().resolve("conf/models").resolve(name);
    }

    static Path resource(String name) {
        try {
            return Path.of(ExperimentConfigReaderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "w32_256x192_adam_lr1e-3.yaml, 32, 192, 256, 32",
        "w32_384x288_adam_lr1e-3.yaml, 32, 288, 384, 32",
        "w48_256x192_adam_lr1e-3.yaml, 48, 192, 256, 32",
        "w48_384x288_adam_lr1e-3.yaml, 48, 288, 384, 24"})
    void officialCocoConfigsParse(String file, int width, int imageW, int imageH, int batch) {
        TopDownPoseConfig config = (TopDownPoseConfig) ExperimentConfigReader.read(officialConfig(file));
        PoseModelConfig model = config.model();
        assertEquals("pose_hrnet", model.name());
        assertEquals(17, model.numJoints());
        assertEquals(new ImageSize(imageW, imageH), model.imageSize());
        assertEquals(new ImageSize(imageW / 4, imageH / 4), model.heatmapSize());
        assertEquals(1, model.extra().finalConvKernel());
        assertEquals(11, model.extra().pretrainedLayers().size());
        HrnetBackboneConfig backbone = model.extra().backbone();
        assertEquals(HrnetBackboneConfig.POSE_LAYER1, backbone.layer1());
        assertEquals(List.of(1, 4, 3), backbone.stages().stream().map(StageConfig::numModules).toList());
        StageConfig stage4 = backbone.lastStage();
        assertEquals(4, stage4.numBranches());
        assertEquals(BlockType.BASIC, stage4.block());
        assertEquals(List.of(4, 4, 4, 4), stage4.numBlocks());
        assertEquals(List.of(width, 2 * width, 4 * width, 8 * width), stage4.numChannels());
        assertEquals(new DatasetConfig("coco", true), config.dataset());
        TopDownTestConfig test = config.test();
        assertTrue(test.flipTest());
        assertTrue(test.shiftHeatmap());
        assertTrue(test.postProcess());
        assertTrue(test.useGtBbox());
        assertFalse(test.softNms());
        assertEquals(0.2, test.inVisThreshold());
        assertEquals(0.9, test.oksThreshold());
        assertEquals(1.0, test.nmsThreshold());
        assertEquals(0.0, test.imageThreshold());
        assertEquals(batch, test.batchSizePerGpu());
    }

    @Test
    void poseTinyMergedConfigParses() {
        TopDownPoseConfig config = (TopDownPoseConfig) ExperimentConfigReader.read(
                resource("/fixtures/pose-tiny/config.yaml"));
        assertEquals(new ImageSize(96, 128), config.inputSize());
        assertEquals(List.of(8, 16, 32, 64), config.extra().backbone().lastStage().numChannels());
        assertEquals(List.of(1, 2, 2), config.extra().backbone().stages().stream()
                .map(StageConfig::numModules).toList());
    }

    @Test
    void absentKeysTakeTheOfficialDefaults() throws IOException {
        TopDownPoseConfig config = (TopDownPoseConfig) ExperimentConfigReader.read(write("""
                MODEL:
                  EXTRA:
                    FINAL_CONV_KERNEL: 3
                %s
                """.formatted(stages("BASIC"))));
        assertEquals(new ImageSize(256, 256), config.inputSize());
        assertEquals(new ImageSize(64, 64), config.model().heatmapSize());
        assertEquals(17, config.model().numJoints());
        assertEquals(new DatasetConfig("mpii", false), config.dataset());
        assertEquals(new TopDownTestConfig(32, false, false, false, false, 0.1, 0.6, false, 0.5, 0.0),
                config.test());
        assertEquals(List.of(), config.extra().pretrainedLayers());
    }

    @Test
    void pythonLiteralStringsReadAsYacsEvaluatesThem() throws IOException {
        TopDownPoseConfig config = (TopDownPoseConfig) ExperimentConfigReader.read(write("""
                GPUS: (0,1,2,3)
                UNKNOWN_SECTION: {A: 1}
                MODEL:
                  IMAGE_SIZE: '(96, 128)'
                  HEATMAP_SIZE: '[24, 32]'
                  EXTRA:
                    FINAL_CONV_KERNEL: 1
                %s
                TEST:
                  FLIP_TEST: 'True'
                  OKS_THRE: '1e-1'
                """.formatted(stages("BOTTLENECK"))));
        assertEquals(new ImageSize(96, 128), config.inputSize());
        assertTrue(config.test().flipTest());
        assertEquals(0.1, config.test().oksThreshold());
        assertEquals(BlockType.BOTTLENECK, config.extra().backbone().stages().get(0).block());
    }

    @Test
    void unknownBlockTypeIsOneSentenceNamingFileAndField() throws IOException {
        Path file = write("MODEL:\n  EXTRA:\n    FINAL_CONV_KERNEL: 1\n" + stages("RESNEXT"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentConfigReader.read(file));
        assertEquals("Config file " + file + ": MODEL.EXTRA.STAGE2.BLOCK is 'RESNEXT', which is not a "
                + "block type; use BASIC or BOTTLENECK.", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IMAGE_SIZE: [200, 256]|MODEL.IMAGE_SIZE is [200, 256], but the network needs a width and height that are multiples of 32.",
        "HEATMAP_SIZE: [48, 48]|MODEL.HEATMAP_SIZE is [48, 48] but the network outputs a quarter of IMAGE_SIZE, [64, 64].",
        "NUM_JOINTS: 0|MODEL.NUM_JOINTS is 0, not a positive whole number.",
        "NAME: pose_resnet|MODEL.NAME is 'pose_resnet', which is not supported; use pose_hrnet, pose_higher_hrnet or seg_hrnet."})
    void invalidModelValuesAreRefused(String line, String message) throws IOException {
        Path file = write("MODEL:\n  " + line + "\n  EXTRA:\n    FINAL_CONV_KERNEL: 1\n" + stages("BASIC"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentConfigReader.read(file));
        assertEquals("Config file " + file + ": " + message, e.getMessage());
    }

    @Test
    void branchCountMustMatchChannelList() throws IOException {
        Path file = write("MODEL:\n  EXTRA:\n    FINAL_CONV_KERNEL: 1\n"
                + stages("BASIC").replace("NUM_CHANNELS: [8, 16, 32]", "NUM_CHANNELS: [8, 16]"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentConfigReader.read(file));
        assertEquals("Config file " + file + ": MODEL.EXTRA.STAGE3.NUM_CHANNELS has 2 entries but "
                + "MODEL.EXTRA.STAGE3.NUM_BRANCHES is 3; give one entry per branch.", e.getMessage());
    }

    @Test
    void missingStageAndBadFileAreRefused() throws IOException {
        Path noStage4 = write("MODEL:\n  EXTRA:\n    FINAL_CONV_KERNEL: 1\n"
                + stages("BASIC").substring(0, stages("BASIC").indexOf("    STAGE4")));
        assertEquals("Config file " + noStage4 + ": MODEL.EXTRA.STAGE4 is missing; add it as in the "
                        + "official experiment files.",
                assertThrows(InvalidInputException.class, () -> ExperimentConfigReader.read(noStage4)).getMessage());
        Path missing = dir.resolve("nope.yaml");
        assertEquals("Config file " + missing + " does not exist.",
                assertThrows(InvalidInputException.class, () -> ExperimentConfigReader.read(missing)).getMessage());
        Path broken = write("MODEL: [1, 2\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> ExperimentConfigReader.read(broken))
                .getMessage().startsWith("Config file " + broken + " is not valid YAML ("));
    }

    @Test
    void textReadElsewhereParsesAsTheFile() throws IOException {
        Path file = officialConfig("w32_256x192_adam_lr1e-3.yaml");
        Path shipped = Path.of("hdfs://nn/conf/w32_256x192_adam_lr1e-3.yaml");
        ExperimentConfig fromText = ExperimentConfigReader.read(Files.readAllBytes(file), shipped);
        ExperimentConfig fromFile = ExperimentConfigReader.read(file);
        assertEquals(((TopDownPoseConfig) fromFile).test(), ((TopDownPoseConfig) fromText).test());
        assertEquals(fromFile.extra(), fromText.extra());
        assertEquals(shipped, fromText.source());
        assertTrue(assertThrows(InvalidInputException.class,
                () -> ExperimentConfigReader.read("MODEL: [1, 2\n".getBytes(), shipped)).getMessage()
                .startsWith("Config file " + shipped + " is not valid YAML ("));
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        return Files.writeString(file, yaml);
    }

    private static String stages(String block) {
        return """
                    STAGE2: {NUM_MODULES: 1, NUM_BRANCHES: 2, BLOCK: %1$s, NUM_BLOCKS: [1, 1], NUM_CHANNELS: [8, 16], FUSE_METHOD: SUM}
                    STAGE3: {NUM_MODULES: 1, NUM_BRANCHES: 3, BLOCK: %1$s, NUM_BLOCKS: [1, 1, 1], NUM_CHANNELS: [8, 16, 32], FUSE_METHOD: SUM}
                    STAGE4: {NUM_MODULES: 1, NUM_BRANCHES: 4, BLOCK: %1$s, NUM_BLOCKS: [1, 1, 1, 1], NUM_CHANNELS: [8, 16, 32, 64], FUSE_METHOD: SUM}
                """.formatted(block);
    }
}
