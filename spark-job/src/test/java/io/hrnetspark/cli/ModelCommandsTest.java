package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code inspect} and {@code bench model} on the official configs and the pose-tiny fixture. */
class ModelCommandsTest {

    private static final String W32 = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("conf/models/w32_256x192_adam_lr1e-3.yaml").toString();

    @Test
    void inspectPrintsParametersMultiplyAddsAndShapes() {
        CliRun run = run("inspect", "--config", W32);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("parameters:      28,536,113 trainable (28,590,449 state_dict elements in 1754 entries)"),
                run.out());
        assertTrue(run.out().contains("multiply-adds:   7.645 G per sample"), run.out());
        assertTrue(run.out().contains("input:           [1, 3, 256, 192]"), run.out());
        assertTrue(run.out().contains("output heatmaps: [1, 17, 64, 48]"), run.out());
    }

    /** Counts of the hrnet-structure fixture's seg_hrnet_w48_cityscapes; input TEST.IMAGE_SIZE. */
    @Test
    void inspectOfTheCityscapesSegmentationConfig() {
        CliRun run = run("inspect", "--config", Path.of(System.getProperty("user.dir")).getParent()
                .resolve("conf/models/seg_hrnet_w48_train_512x1024_sgd_lr1e-2_wd5e-4_bs_12_epoch484.yaml").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("parameters:      65,859,379 trainable (65,944,915 state_dict elements in 1839 entries)"),
                run.out());
        assertTrue(run.out().contains("input:           [1, 3, 1024, 2048]"), run.out());
        assertTrue(run.out().contains("output logits:   [1, 19, 256, 512]"), run.out());
    }

    @Test
    void inspectWithMatchingWeightsSaysTheyFit() {
        CliRun run = run("inspect", "--config", fixture("config.yaml"), "--weights", fixture("model_legacy.pth"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("fits: all 518 tensors match by name and shape"), run.out());
    }

    @Test
    void inspectWithWeightsOfAnotherConfigListsTheMismatches() {
        CliRun run = run("inspect", "--config", W32, "--weights", fixture("model_legacy.pth"));
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("does NOT fit this network"), run.out());
        assertTrue(run.out().contains("wrong shape (checkpoint instead of network):\n    transition1.0.0.weight [8, 256, 3, 3] instead of [32, 256, 3, 3]"), run.out());
        assertTrue(run.out().contains("missing from the checkpoint:\n    stage2.0.branches.0.1.conv1.weight"),
                run.out());
    }

    @Test
    void inspectOfAMissingConfigIsOneSentence() {
        CliRun run = run("inspect", "--config", "no-such.yaml");
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: Config file no-such.yaml does not exist.", run.err().strip());
    }

    @Test
    void benchModelPrintsThroughput() {
        CliRun run = run("bench", "model", "--config", fixture("config.yaml"), "--batch-sizes", "1,2",
                "--iterations", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("batch   1:"), run.out());
        assertTrue(run.out().contains("batch   2:"), run.out());
        assertTrue(run.out().contains("crops/s"), run.out());
    }

    private static String fixture(String name) {
        try {
            return Path.of(ModelCommandsTest.class.getResource("/fixtures/pose-tiny/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
