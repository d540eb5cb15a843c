package io.hrnetspark.job.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The production predictor factory checks config and weights on the driver, before any Spark work. */
class HrnetPredictorFactoryTest {

    private final HrnetPredictorFactory factory = new HrnetPredictorFactory();

    private static Path fixture(String name) {
        try {
            return Path.of(HrnetPredictorFactoryTest.class.getResource("/fixtures/" + (name.contains("/") ? name : "pose-tiny/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file);
    }

    @Test
    void matchingWeightsGiveTheConfigsTestSettings() throws IOException {
        ModelSettings settings = factory.validate("config.yaml", text(fixture("config.yaml")),
                Files.readAllBytes(fixture("model_legacy.pth")), "model_legacy.pth");
        assertEquals(ModelSettings.topDown(true, 0.2, 0.9, 0.0, 17, "coco"), settings);
        ModelSettings official = factory.validate("w32_256x192_adam_lr1e-3.yaml",
                text(Path.of("../conf/models/w32_256x192_adam_lr1e-3.yaml")), null, null);
        assertEquals(ModelSettings.topDown(true, 0.2, 0.9, 0.0, 17, "coco"), official);
    }

    @Test
    void theHeadFollowsModelName() throws IOException {
        assertEquals(new ModelSettings(AnnotationHead.BOTTOM_UP, true, null, null, null, 17, "coco"),
                factory.validate("higher.yaml", text(fixture("higher-tiny/config.yaml")),
                        Files.readAllBytes(fixture("higher-tiny/model_legacy.pth")), "model_legacy.pth"));
        assertEquals(AnnotationHead.BOTTOM_UP, factory.validate("crowd.yaml",
                text(Path.of("../conf/models/crowd_pose/w32_512_adam_lr1e-3.yaml")), null, null).head());
        assertEquals("crowdpose", factory.validate("crowd.yaml",
                text(Path.of("../conf/models/crowd_pose/w32_512_adam_lr1e-3.yaml")), null, null).dataset());
        ModelSettings segmentation = factory.validate("seg.yaml", text(fixture("seg-tiny/config.yaml")),
                Files.readAllBytes(fixture("seg-tiny/model_legacy.pth")), "model_legacy.pth");
        assertEquals(AnnotationHead.SEGMENTATION, segmentation.head());
        assertEquals("cityscapes", segmentation.dataset());
        InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> factory.validate("seg.yaml",
                text(fixture("seg-tiny/config.yaml")), Files.readAllBytes(fixture("higher-tiny/model_legacy.pth")),
                "higher.pth"));
        assertEquals(1, wrong.getMessage().lines().count(), wrong.getMessage());
    }

    @Test
    void weightsOfAnotherConfigAreRefusedNamingBoth() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory.validate(
                "conf/models/w32_256x192_adam_lr1e-3.yaml",
                text(Path.of("../conf/models/w32_256x192_adam_lr1e-3.yaml")),
                Files.readAllBytes(fixture("model_legacy.pth")), "model_legacy.pth"));
        assertTrue(e.getMessage().contains("model_legacy.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("w32_256x192_adam_lr1e-3.yaml"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void truncatedWeightsSoftNmsAndBrokenYamlAreOneSentence() throws IOException {
        byte[] weights = Files.readAllBytes(fixture("model_legacy.pth"));
        InvalidInputException truncated = assertThrows(InvalidInputException.class, () -> factory.validate(
                "config.yaml", text(fixture("config.yaml")), Arrays.copyOf(weights, weights.length / 2), "half.pth"));
        assertTrue(truncated.getMessage().contains("half.pth"), truncated.getMessage());

        String softNms = text(fixture("config.yaml")).replace("SOFT_NMS: false", "SOFT_NMS: true");
        assertTrue(softNms.contains("SOFT_NMS: true"));
        assertEquals("Config soft.yaml sets TEST.SOFT_NMS true, but only hard OKS-NMS is implemented: set it to false.",
                assertThrows(InvalidInputException.class, () -> factory.validate("soft.yaml", softNms, null, null))
                        .getMessage());

        assertTrue(assertThrows(InvalidInputException.class, () -> factory.validate("broken.yaml", "MODEL: [1, 2\n",
                null, null)).getMessage().startsWith("Config file broken.yaml is not valid YAML ("));
    }
}
