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

/** HigherHRNet experiment files read with the official defaults and checks. */
class BottomUpConfigReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "w32_512_adam_lr1e-3.yaml, 32, 512",
        "w32_640_adam_lr1e-3.yaml, 32, 640",
        "w48_640_adam_lr1e-3.yaml, 48, 640"})
    void officialCocoConfigsParse(String file, int width, int inputSize) {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(
                ExperimentConfigReaderTest.officialConfig(file));
        HigherHrnetModelConfig model = config.model();
        assertEquals("pose_higher_hrnet", config.modelName());
        assertEquals(17, model.numJoints());
        assertTrue(model.tagPerJoint());
        assertEquals(List.of(width, 2 * width, 4 * width, 8 * width),
                model.extra().backbone().lastStage().numChannels());
        assertEquals(new DeconvConfig(1, List.of(width), List.of(4), 4, List.of(true)), model.deconv());
        assertEquals(List.of(true, true), model.withHeatmapsLoss());
        assertEquals(List.of(true, false), model.withAeLoss());
        assertEquals(2, model.numOutputs());
        assertEquals(34, model.outputChannels(0));
        assertEquals(17, model.outputChannels(1));
        assertEquals(new BottomUpDataset("coco_kpt", 17, 30, inputSize, List.of(inputSize / 4, inputSize / 2)),
                config.data());
        assertEquals(new ImageSize(inputSize, inputSize), config.inputSize());
        assertEquals(new DatasetConfig("coco_kpt", true), config.dataset());
        assertEquals(new BottomUpTestConfig(true, true, true, List.of(1.0), 0.1, 1.0, true, false, 5, 2, true,
                List.of(true, true), List.of(true, false)), config.test());
    }

    @Test
    void higherTinyMergedConfigParses() {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(
                ExperimentConfigReaderTest.resource("/fixtures/higher-tiny/config.yaml"));
        assertEquals(new ImageSize(128, 128), config.inputSize());
        assertEquals(new DeconvConfig(1, List.of(8), List.of(4), 1, List.of(true)), config.model().deconv());
        assertEquals(List.of(1, 2, 2), config.extra().backbone().stages().stream()
                .map(StageConfig::numModules).toList());
    }

    @Test
    void absentTestKeysTakeTheOfficialDefaults() throws IOException {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(write(model("")));
        assertEquals(new BottomUpTestConfig(false, true, true, List.of(1.0), 0.2, 1.0, true, false, 3, 1, false,
                List.of(true), List.of(true)), config.test());
        assertEquals(new BottomUpDataset("coco_kpt", 17, 30, 512, List.of(128, 256, 512)), config.data());
        assertEquals(List.of(true), config.model().withAeLoss());
        assertEquals(new DeconvConfig(0, List.of(), List.of(), 0, List.of()), config.model().deconv());
        assertEquals(List.of("output0"), io.hrnetspark.model.net.Networks.of(config).outputNames());
    }

    @Test
    void pythonTupleStringsAndScalarOutputSizeRead() throws IOException {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(write(model("""
                DATASET: {INPUT_SIZE: 256, OUTPUT_SIZE: 64}
                LOSS: {NUM_STAGES: 1, WITH_AE_LOSS: '(True,)', WITH_HEATMAPS_LOSS: [True]}
                TEST: {SCALE_FACTOR: '[2, 1, 0.5]', WITH_HEATMAPS: '(True,)', WITH_AE: '(True, )', FLIP_TEST: 'True'}
                """)));
        assertEquals(List.of(64), config.data().outputSize());
        assertEquals(List.of(2.0, 1.0, 0.5), config.test().scaleFactors());
        assertEquals(0.5, config.test().minScale());
        assertTrue(config.test().flipTest());
        assertFalse(config.test().project2image());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4|WITH_CENTER: true||| DATASET.WITH_CENTER is true, but the centre heatmap variant has no official released model and is not supported; set it to false.",
        "4|NUM_JOINTS: 14||| DATASET.NUM_JOINTS is 14 but MODEL.NUM_JOINTS is 17; give both the dataset's joint count.",
        "4|INPUT_SIZE: 500||| DATASET.INPUT_SIZE is 500, but the network needs a multiple of 32.",
        "4|OUTPUT_SIZE: [128, 512]||| DATASET.OUTPUT_SIZE is [128, 512] but the network's output 1 is 256 pixels wide for INPUT_SIZE 512.",
        "4||NUM_STAGES: 1, WITH_AE_LOSS: [True], WITH_HEATMAPS_LOSS: [True]|| LOSS.NUM_STAGES is 1 but the network has 2 outputs (MODEL.EXTRA.DECONV.NUM_DECONVS + 1); give one stage per output.",
        "4||NUM_STAGES: 2, WITH_AE_LOSS: [True, False], WITH_HEATMAPS_LOSS: [True]|| LOSS.WITH_HEATMAPS_LOSS has 1 entries but LOSS.NUM_STAGES is 2; give one entry per stage.",
        "4|||WITH_AE: [False, True]| TEST.WITH_AE is [false, true] and selects no output that has tag maps (see LOSS); enable at least one.",
        "4|||NMS_KERNEL: 5| TEST.NMS_PADDING is 1 with NMS_KERNEL 5, but the peak search keeps the map size only with an odd kernel and padding (kernel - 1) / 2.",
        "4|||SCALE_FACTOR: [1, 0]| TEST.SCALE_FACTOR has the entry 0, not a positive number.",
        "4|||DETECTION_THRESHOLD: -0.1| TEST.DETECTION_THRESHOLD is -0.1; give a heatmap value of 0 or more.",
        "4|||SCALE_FACTOR: [2, 0.5]| TEST.SCALE_FACTOR is [2.0, 0.5], but with several scales the tags are taken at scale 1; include 1.",
        "3|||| MODEL.EXTRA.DECONV.KERNEL_SIZE is [3], but only kernels 4 (as in the official experiments) and 2 are supported; kernel 3 needs an output padding this runtime lacks."})
    void invalidValuesAreOneSentenceNamingTheField(int kernel, String dataset, String loss, String test,
                                                   String message) throws IOException {
        Path file = write(oneDeconv(kernel, dataset == null ? "" : dataset,
                loss == null ? "NUM_STAGES: 2, WITH_AE_LOSS: [True, False], WITH_HEATMAPS_LOSS: [True, True]" : loss,
                "WITH_HEATMAPS: [True, True], WITH_AE: " + (test != null && test.startsWith("WITH_AE")
                        ? test.substring("WITH_AE: ".length()) : "[True, False]" + (test == null ? "" : ", " + test))));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentConfigReader.read(file));
        assertEquals("Config file " + file + ": " + message.strip(), e.getMessage());
    }

    @Test
    void jointCountOutsideTheOfficialGroupingOrderIsRefused() throws IOException {
        Path file = write(model("").replace("  NAME: pose_higher_hrnet\n", "  NAME: pose_higher_hrnet\n  NUM_JOINTS: 12\n")
                + "DATASET: {NUM_JOINTS: 12}\n");
        assertEquals("Config file " + file + ": MODEL.NUM_JOINTS is 12, but the official grouping visits joints in "
                + "a fixed order made for 13 to 17 joints (COCO 17, CrowdPose 14).", assertThrows(
                        InvalidInputException.class, () -> ExperimentConfigReader.read(file)).getMessage());
    }

    @Test
    void missingDeconvSectionIsRefused() throws IOException {
        Path file = write("MODEL:\n  NAME: pose_higher_hrnet\n  EXTRA:\n    FINAL_CONV_KERNEL: 1\n" + stages());
        assertEquals("Config file " + file + ": MODEL.EXTRA.DECONV is missing; add it as in the official "
                + "experiment files.", assertThrows(InvalidInputException.class,
                        () -> ExperimentConfigReader.read(file)).getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "config", ".yaml"), yaml);
    }

    /** A minimal HigherHRNet config without deconv stages, plus {@code sections}. */
    private static String model(String sections) {
        return "MODEL:\n  NAME: pose_higher_hrnet\n  EXTRA:\n    FINAL_CONV_KERNEL: 1\n" + stages()
                + "    DECONV: {NUM_DECONVS: 0}\n" + sections;
    }

    /** A two-output config with one deconv stage of {@code kernel} and the given section contents. */
    private static String oneDeconv(int kernel, String dataset, String loss, String test) {
        return "MODEL:\n  NAME: pose_higher_hrnet\n  EXTRA:\n    FINAL_CONV_KERNEL: 1\n" + stages()
                + "    DECONV: {NUM_DECONVS: 1, NUM_CHANNELS: [8], KERNEL_SIZE: [" + kernel
                + "], NUM_BASIC_BLOCKS: 1, CAT_OUTPUT: [True]}\n"
                + "DATASET: {" + dataset + "}\nLOSS: {" + loss + "}\nTEST: {" + test + "}\n";
    }

    private static String stages() {
        return """
                    STAGE2: {NUM_MODULES: 1, NUM_BRANCHES: 2, BLOCK: BASIC, NUM_BLOCKS: [1, 1], NUM_CHANNELS: [8, 16]}
                    STAGE3: {NUM_MODULES: 1, NUM_BRANCHES: 3, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1], NUM_CHANNELS: [8, 16, 32]}
                    STAGE4: {NUM_MODULES: 1, NUM_BRANCHES: 4, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1, 1], NUM_CHANNELS: [8, 16, 32, 64]}
                """;
    }
}
