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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code hrnet-spark predict} on pose-tiny equals the official keypoints, with every checkpoint format. */
class PredictCommandTest {

    private static final String BOXES = "[{\"bbox\": [20.0, 12.0, 345.0, 500.0], \"score\": 0.9},"
            + " {\"bbox\": [150.0, 0.0, 280.0, 360.0], \"score\": 0.8},"
            + " {\"bbox\": [-60.0, 250.0, 300.0, 400.0], \"score\": 0.7}]";

    @TempDir
    static Path dir;
    private static Path boxes;

    @BeforeAll
    static void writeBoxes() throws IOException {
        boxes = dir.resolve("boxes.json");
        Files.writeString(boxes, BOXES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pose-tiny/model_legacy.pth", "pose-tiny-ckpt/model_zip.pth",
        "pose-tiny-ckpt/checkpoint_wrapped.pth"})
    void predictionsEqualTheOfficialOnesWithAndWithoutFlip(String weights) throws IOException {
        Path flip = dir.resolve("flip.json");
        CliRun run = predict(weights, boxes, flip, "--image-id", "397133");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote 3 persons to " + flip + " (flip test on)"), run.out());
        assertResults(flip, "preds.npy", "maxvals.npy", 397133);

        Path plain = dir.resolve("plain.json");
        CliRun noFlip = predict(weights, boxes, plain, "--no-flip");
        assertEquals(0, noFlip.exitCode(), noFlip.err());
        assertResults(plain, "preds_noflip.npy", "maxvals_noflip.npy", 0);
    }

    @Test
    void nmsDropsADuplicatePerson() throws IOException {
        Path duplicated = dir.resolve("duplicated.json");
        Files.writeString(duplicated, "[{\"bbox\": [20, 12, 345, 500], \"score\": 0.5},"
                + " {\"bbox\": [20, 12, 345, 500], \"score\": 0.9}]");
        Path output = dir.resolve("nms.json");
        CliRun run = predict("pose-tiny/model_legacy.pth", duplicated, output, "--nms");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode results = new ObjectMapper().readTree(output.toFile());
        assertEquals(1, results.size());
    }

    @Test
    void missingImageIsOneSentenceAndExitCode2() {
        Path output = dir.resolve("never.json");
        CliRun run = CliRun.of("predict", "--config", fixture("pose-tiny/config.yaml"),
                "--weights", fixture("pose-tiny/model_legacy.pth"), "--image", "no-such.png",
                "--boxes", boxes.toString(), "--output", output.toString());
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: Image file 'no-such.png' does not exist: check the path.", run.err().strip());
        assertFalse(Files.exists(output));
    }

    @Test
    void malformedBoxesJsonIsOneSentenceAndExitCode2() throws IOException {
        Path bad = dir.resolve("bad-boxes.json");
        Files.writeString(bad, "[{\"bbox\": [1, 2, 3, 4]},");
        CliRun run = predict("pose-tiny/model_legacy.pth", bad, dir.resolve("never.json"));
        assertEquals(2, run.exitCode());
        String err = run.err().strip();
        assertTrue(err.startsWith("hrnet-spark: Boxes file " + bad + " is not valid JSON at line 1, column 25 ("), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void aMissingOutputFolderIsFoundBeforeTheModelLoads() {
        Path output = dir.resolve("no-such-folder/out.json");
        CliRun run = predict("pose-tiny/model_legacy.pth", boxes, output);
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: --output " + output + ": its folder " + output.getParent()
                + " does not exist; create it first or write elsewhere.", run.err().strip());
    }

    @Test
    void boxWithoutWidthIsOneSentenceAndExitCode2() throws IOException {
        Path bad = dir.resolve("flat-box.json");
        Files.writeString(bad, "[{\"bbox\": [10, 20, 0, 40], \"score\": 0.9}]");
        CliRun run = predict("pose-tiny/model_legacy.pth", bad, dir.resolve("never.json"));
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: Box at index 0 in " + bad + " has zero or negative size (bbox [10,20,0,40]): "
                + "give a width and height above 0.", run.err().strip());
    }

    /** Runs predict on pose-tiny's image and config. */
    private static CliRun predict(String weights, Path boxesFile, Path output, String... extra) {
        String[] base = {"predict", "--config", fixture("pose-tiny/config.yaml"), "--weights", fixture(weights),
            "--image", fixture("pose-tiny/image.png"), "--boxes", boxesFile.toString(), "--output", output.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private static void assertResults(Path file, String predsFile, String maxvalsFile, long imageId)
            throws IOException {
        JsonNode results = new ObjectMapper().readTree(file.toFile());
        INDArray preds = Nd4j.createFromNpyFile(Path.of(fixture("pose-tiny/" + predsFile)).toFile());
        INDArray maxvals = Nd4j.createFromNpyFile(Path.of(fixture("pose-tiny/" + maxvalsFile)).toFile());
        double[] boxScores = {0.9, 0.8, 0.7};
        assertEquals(3, results.size());
        for (int n = 0; n < 3; n++) {
            JsonNode result = results.get(n);
            assertEquals(imageId, result.get("image_id").asLong());
            assertEquals(1, result.get("category_id").asInt());
            JsonNode keypoints = result.get("keypoints");
            assertEquals(51, keypoints.size());
            double confidentSum = 0;
            int confident = 0;
            for (int k = 0; k < 17; k++) {
                String where = "person " + n + " keypoint " + k;
                assertEquals(preds.getDouble(n, k, 0), keypoints.get(3 * k).asDouble(), 1e-3, where + " x");
                assertEquals(preds.getDouble(n, k, 1), keypoints.get(3 * k + 1).asDouble(), 1e-3, where + " y");
                // written as the shortest decimal of the float32 confidence: cast back to get its exact value
                double confidence = (float) keypoints.get(3 * k + 2).asDouble();
                assertEquals(maxvals.getDouble(n, k, 0), confidence, 2e-3, where + " confidence");
                if (confidence > 0.2) {
                    confidentSum += confidence;
                    confident++;
                }
            }
            double expectedScore = confident == 0 ? 0 : confidentSum / confident * boxScores[n];
            assertEquals(expectedScore, result.get("score").asDouble(), 1e-12, "person " + n + " score");
        }
    }

    private static String fixture(String name) {
        try {
            return Path.of(PredictCommandTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
