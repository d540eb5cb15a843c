package io.hrnetspark.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Official HRNet-Semantic-Segmentation experiment files read with that repository's defaults. */
class SegmentationConfigReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "seg_hrnet_w48_train_512x1024_sgd_lr1e-2_wd5e-4_bs_12_epoch484.yaml, cityscapes, 19, 2048, 1024, 2048, 4",
        "seg_hrnet_w48_473x473_sgd_lr7e-3_wd5e-4_bs_40_epoch150.yaml, lip, 20, 473, 473, 473, 16"})
    void officialConfigsParse(String file, String dataset, int classes, int testW, int testH, int baseSize,
                              int batch) {
        SegmentationConfig config = (SegmentationConfig) ExperimentConfigReader.read(
                ExperimentConfigReaderTest.officialConfig(file));
        assertEquals("seg_hrnet", config.modelName());
        assertFalse(config.model().alignCorners());
        assertEquals(new DatasetConfig(dataset, true), config.dataset());
        assertEquals(classes, config.numClasses());
        assertEquals(255, config.ignoreLabel());
        assertEquals(1, config.extra().finalConvKernel());
        HrnetBackboneConfig backbone = config.extra().backbone();
        assertEquals(new StageConfig(1, 1, BlockType.BOTTLENECK, List.of(4), List.of(64)), backbone.layer1());
        assertEquals(List.of(1, 4, 3), backbone.stages().stream().map(StageConfig::numModules).toList());
        assertEquals(List.of(48, 96, 192, 384), backbone.lastStage().numChannels());
        assertEquals(new SegmentationTestConfig(new ImageSize(testW, testH), baseSize, batch, false, false,
                List.of(1.0)), config.test());
        assertEquals(new ImageSize(testW, testH), config.inputSize());
    }

    @Test
    void segTinyStage1IsConfigurable() {
        SegmentationConfig config = (SegmentationConfig) ExperimentConfigReader.read(
                ExperimentConfigReaderTest.resource("/fixtures/seg-tiny/config.yaml"));
        assertEquals(new StageConfig(1, 1, BlockType.BOTTLENECK, List.of(1), List.of(16)),
                config.extra().backbone().layer1());
        assertEquals(List.of(8, 16, 32, 64), config.extra().backbone().lastStage().numChannels());
    }

    @Test
    void absentKeysTakeTheOfficialDefaults() throws IOException {
        SegmentationConfig config = (SegmentationConfig) ExperimentConfigReader.read(write(minimal("")));
        assertTrue(config.model().alignCorners());
        assertEquals(new DatasetConfig("cityscapes", true), config.dataset());
        assertEquals(19, config.numClasses());
        assertEquals(-1, config.ignoreLabel());
        assertEquals(new SegmentationTestConfig(new ImageSize(2048, 1024), 2048, 32, false, false, List.of(1.0)),
                config.test());
    }

    @Test
    void scaleListAndFlipAreRead() throws IOException {
        SegmentationConfig config = (SegmentationConfig) ExperimentConfigReader.read(write(minimal("""
                TEST:
                  FLIP_TEST: true
                  MULTI_SCALE: 'True'
                  SCALE_LIST: [0.5, 0.75, 1, 1.25]
                """)));
        assertTrue(config.test().flipTest());
        assertTrue(config.test().multiScale());
        assertEquals(List.of(0.5, 0.75, 1.0, 1.25), config.test().scaleList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MODEL:\\n  NUM_OUTPUTS: 2|MODEL.NUM_OUTPUTS is 2, but seg_hrnet has one output; use 1 (several outputs belong to the OCR networks).",
        "TEST:\\n  SCALE_LIST: [1, -0.5]|TEST.SCALE_LIST has the entry -0.5, not a positive number.",
        "TEST:\\n  SCALE_LIST: []|TEST.SCALE_LIST is empty; give at least one scale, e.g. [1].",
        "TEST:\\n  IMAGE_SIZE: [473]|TEST.IMAGE_SIZE has 1 entries; give [width, height].",
        "TRAIN:\\n  IGNORE_LABEL: 2.5|TRAIN.IGNORE_LABEL is 2.5, not a whole number.",
        "DATASET:\\n  NUM_CLASSES: 0|DATASET.NUM_CLASSES is 0, not a positive whole number."})
    void invalidValuesAreOneSentenceNamingFileAndField(String yaml, String message) throws IOException {
        Path file = write(minimal(yaml.replace("\\n", "\n")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentConfigReader.read(file));
        assertEquals("Config file " + file + ": " + message, e.getMessage());
    }

    @Test
    void stage1IsRequiredAndNeedsItsLists() throws IOException {
        Path noStage1 = write(minimal("").replace("    STAGE1: {BLOCK: BOTTLENECK, NUM_BLOCKS: [1], NUM_CHANNELS: [16]}\n",
                ""));
        assertEquals("Config file " + noStage1 + ": MODEL.EXTRA.STAGE1 is missing; add it as in the official "
                + "experiment files.", assertThrows(InvalidInputException.class,
                        () -> ExperimentConfigReader.read(noStage1)).getMessage());
        Path emptyBlocks = write(minimal("").replace("NUM_BLOCKS: [1], NUM_CHANNELS: [16]",
                "NUM_BLOCKS: [], NUM_CHANNELS: [16]"));
        assertEquals("Config file " + emptyBlocks + ": MODEL.EXTRA.STAGE1.NUM_BLOCKS is empty; give the block "
                + "count of layer1, e.g. [4].", assertThrows(InvalidInputException.class,
                        () -> ExperimentConfigReader.read(emptyBlocks)).getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "seg", ".yaml"), yaml);
    }

    /** A seg_hrnet config with only the required keys, then {@code more} (which may repeat MODEL). */
    private static String minimal(String more) {
        String model = """
                MODEL:
                  NAME: seg_hrnet
                  EXTRA:
                    FINAL_CONV_KERNEL: 1
                    STAGE1: {BLOCK: BOTTLENECK, NUM_BLOCKS: [1], NUM_CHANNELS: [16]}
                    STAGE2: {NUM_MODULES: 1, NUM_BRANCHES: 2, BLOCK: BASIC, NUM_BLOCKS: [1, 1], NUM_CHANNELS: [8, 16]}
                    STAGE3: {NUM_MODULES: 1, NUM_BRANCHES: 3, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1], NUM_CHANNELS: [8, 16, 32]}
                    STAGE4: {NUM_MODULES: 1, NUM_BRANCHES: 4, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1, 1], NUM_CHANNELS: [8, 16, 32, 64]}
                """;
        if (more.startsWith("MODEL:\n")) {
            return model.replace("  NAME: seg_hrnet\n", "  NAME: seg_hrnet\n" + more.substring("MODEL:\n".length()) + "\n");
        }
        return model + more;
    }
}
