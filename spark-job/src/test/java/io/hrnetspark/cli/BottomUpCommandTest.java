package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code hrnet-spark bottom-up} on higher-tiny's photo writes the official end-to-end people as COCO results. */
class BottomUpCommandTest {

    @TempDir
    Path dir;

    @Test
    void resultsEqualTheOfficialPeople() throws IOException {
        Path output = dir.resolve("people.json");
        CliRun run = bottomUp(output, "--image-id", "7");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote 27 persons to " + output + " (flip test on, scales [1.0])"), run.out());
        JsonNode results = new ObjectMapper().readTree(output.toFile());
        INDArray people = Nd4j.createFromNpyFile(Path.of(fixture("higher-tiny/e2e_final.npy")).toFile());
        INDArray scores = Nd4j.createFromNpyFile(Path.of(fixture("higher-tiny/e2e_scores.npy")).toFile());
        assertEquals(27, results.size());
        for (int p = 0; p < 27; p++) {
            JsonNode result = results.get(p);
            assertEquals(7, result.get("image_id").asLong());
            assertEquals(1, result.get("category_id").asInt());
            JsonNode keypoints = result.get("keypoints");
            assertEquals(51, keypoints.size());
            for (int k = 0; k < 17; k++) {
                String where = "person " + p + " keypoint " + k;
                for (int c = 0; c < 3; c++) {
                    assertEquals(people.getDouble(p, k, c), keypoints.get(3 * k + c).asDouble(), 1e-3, where);
                }
            }
            assertEquals(scores.getDouble(p), result.get("score").asDouble(), 1e-3, "person " + p + " score");
        }
    }

    @Test
    void withoutFlipTestItStillGroupsPeople() throws IOException {
        Path output = dir.resolve("no-flip.json");
        CliRun run = bottomUp(output, "--no-flip");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(flip test off, scales [1.0])"), run.out());
        JsonNode results = new ObjectMapper().readTree(output.toFile());
        assertTrue(results.size() > 0);
        assertEquals(51, results.get(0).get("keypoints").size());
    }

    @Test
    void topDownConfigIsOneSentenceAndExitCode2() throws IOException {
        Path topDown = Files.writeString(dir.resolve("top-down.yaml"), "MODEL:\n  NAME: pose_hrnet\n  EXTRA:\n"
                + "    FINAL_CONV_KERNEL: 1\n"
                + "    STAGE2: {NUM_MODULES: 1, NUM_BRANCHES: 2, BLOCK: BASIC, NUM_BLOCKS: [1, 1], NUM_CHANNELS: [8, 16]}\n"
                + "    STAGE3: {NUM_MODULES: 1, NUM_BRANCHES: 3, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1], NUM_CHANNELS: [8, 16, 32]}\n"
                + "    STAGE4: {NUM_MODULES: 1, NUM_BRANCHES: 4, BLOCK: BASIC, NUM_BLOCKS: [1, 1, 1, 1], "
                + "NUM_CHANNELS: [8, 16, 32, 64]}\n");
        Path output = dir.resolve("never.json");
        CliRun run = CliRun.of("bottom-up", "--config", topDown.toString(), "--weights",
                fixture("higher-tiny/model_legacy.pth"), "--image", fixture("higher-tiny/image.png"),
                "--output", output.toString());
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: Config " + topDown + " is a pose_hrnet experiment, not a bottom-up one "
                + "(MODEL.NAME pose_higher_hrnet): pass a HigherHRNet config, or use predict for top-down configs.",
                run.err().strip());
        assertFalse(Files.exists(output));
    }

    @Test
    void missingImageIsOneSentenceAndExitCode2() {
        Path output = dir.resolve("never.json");
        CliRun run = CliRun.of("bottom-up", "--config", fixture("higher-tiny/config.yaml"), "--weights",
                fixture("higher-tiny/model_legacy.pth"), "--image", "no-such.png", "--output", output.toString());
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: Image file 'no-such.png' does not exist: check the path.", run.err().strip());
        assertFalse(Files.exists(output));
    }

    private static CliRun bottomUp(Path output, String... extra) {
        String[] base = {"bottom-up", "--config", fixture("higher-tiny/config.yaml"), "--weights",
            fixture("higher-tiny/model_legacy.pth"), "--image", fixture("higher-tiny/image.png"),
            "--output", output.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private static String fixture(String name) {
        try {
            return Path.of(BottomUpCommandTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
