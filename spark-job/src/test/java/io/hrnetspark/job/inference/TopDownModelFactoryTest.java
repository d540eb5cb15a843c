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

/** The production model factory checks config and weights on the driver, before any Spark work. */
class TopDownModelFactoryTest {

    private final TopDownModelFactory factory = new TopDownModelFactory();

    private static Path fixture(String name) {
        try {
            return Path.of(TopDownModelFactoryTest.class.getResource("/fixtures/pose-tiny/" + name).toURI());
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
        assertEquals(new ModelSettings(true, 0.2, 0.9, 0.0, 17), settings);
        ModelSettings official = factory.validate("w32_256x192_adam_lr1e-3.yaml",
                text(Path.of("../conf/models/w32_256x192_adam_lr1e-3.yaml")), null, null);
        assertEquals(new ModelSettings(true, 0.2, 0.9, 0.0, 17), official);
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
