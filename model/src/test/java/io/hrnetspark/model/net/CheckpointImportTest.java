package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Official checkpoints import by name and shape, or fail listing what does not fit. */
class CheckpointImportTest {

    @TempDir
    Path dir;

    @Test
    void allCheckpointFormatsGiveTheHeatmapsOfTheNpzWeights() {
        TopDownPoseNetwork definition = new TopDownPoseNetwork(PoseTinyFixture.config());
        INDArray input = PoseTinyFixture.array("input.npy");
        INDArray expected;
        try (InferenceNetwork fromNpz = InferenceNetwork.create(definition, PoseTinyFixture.weights(),
                "weights.npz", "config.yaml", ExecutionMode.DIRECT)) {
            expected = fromNpz.output(input).get(0);
        }
        for (Path checkpoint : new Path[] {PoseTinyFixture.file("pose-tiny", "model_legacy.pth"),
                PoseTinyFixture.file("pose-tiny-ckpt", "model_zip.pth"),
                PoseTinyFixture.file("pose-tiny-ckpt", "checkpoint_wrapped.pth")}) {
            try (InferenceNetwork fromPth = InferenceNetwork.create(definition, TorchCheckpoint.load(checkpoint),
                    "config.yaml", ExecutionMode.DIRECT)) {
                assertEquals(expected, fromPth.output(input).get(0), checkpoint.toString());
            }
        }
    }

    @Test
    void templateWithTheFixtureSettingsMatchesTheCheckpoint() throws IOException {
        assertTrue(match(config(2, "[8, 16, 32, 64]")).matches());
    }

    @Test
    void checkpointOfOtherWidthsFailsWithOneSentenceListingTheMismatches() throws IOException {
        Path config = config(2, "[16, 32, 64, 128]");
        StateDict weights = TorchCheckpoint.load(PoseTinyFixture.file("pose-tiny", "model_legacy.pth"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InferenceNetwork.create(network(config), weights, config.toString(), ExecutionMode.DIRECT));
        String message = e.getMessage();
        assertTrue(message.startsWith("Weights " + weights.source() + " do not fit the network of " + config
                + ": 18 missing keys (transition3.0.0.weight; transition3.0.1.weight; "), message);
        assertTrue(message.contains(" wrong shapes (transition3.3.0.0.weight [64, 32, 3, 3] instead of "
                + "[128, 32, 3, 3]; "), message);
        assertTrue(message.endsWith("; use the checkpoint trained with this config."), message);
        assertEquals(-1, message.indexOf(". "), "one sentence: " + message);
    }

    @Test
    void checkpointWithMoreModulesListsUnexpectedKeys() throws IOException {
        StateDictMatch match = match(config(1, "[8, 16, 32, 64]"));
        assertTrue(match.missing().isEmpty(), match.describe());
        assertTrue(match.wrongShape().isEmpty(), match.describe());
        // With one module, stage4.0 is the last one and fuses into the highest resolution only.
        assertTrue(match.unexpected().stream().allMatch(key -> key.startsWith("stage4.1.")
                || key.matches("stage4\\.0\\.fuse_layers\\.[123]\\..*")), match.describe());
        assertTrue(match.unexpected().contains("stage4.1.branches.0.0.conv1.weight"), match.describe());
        assertTrue(match.describe().startsWith(match.unexpected().size()
                + " unexpected keys (stage4.0.fuse_layers.1.0.0.0.weight; "), match.describe());
        assertTrue(match.describe().endsWith("; and " + (match.unexpected().size() - 5) + " more)"),
                match.describe());
    }

    private static TopDownPoseNetwork network(Path config) {
        return new TopDownPoseNetwork((TopDownPoseConfig) ExperimentConfigReader.read(config));
    }

    private static StateDictMatch match(Path config) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        TorchCheckpoint.load(PoseTinyFixture.file("pose-tiny-ckpt", "model_zip.pth")).asMap()
                .forEach((key, tensor) -> shapes.put(key, tensor.shape()));
        return StateDictMatch.of(ParameterLayout.of(network(config)), shapes);
    }

    /** The pose-tiny network with STAGE4's module count and widths replaced. */
    private Path config(int stage4Modules, String stage4Channels) throws IOException {
        return Files.writeString(dir.resolve("variant-" + stage4Modules + ".yaml"), """
                MODEL:
                  IMAGE_SIZE: [96, 128]
                  HEATMAP_SIZE: [24, 32]
                  EXTRA:
                    FINAL_CONV_KERNEL: 1
                    STAGE2: {NUM_MODULES: 1, NUM_BRANCHES: 2, BLOCK: BASIC, NUM_BLOCKS: [1, 1], NUM_CHANNELS: [8, 16]}
                    STAGE3: {NUM_MODULES: 2, NUM_BRANCHES: 3, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1], NUM_CHANNELS: [8, 16, 32]}
                    STAGE4: {NUM_MODULES: %d, NUM_BRANCHES: 4, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1, 1], NUM_CHANNELS: %s}
                """.formatted(stage4Modules, stage4Channels));
    }
}
