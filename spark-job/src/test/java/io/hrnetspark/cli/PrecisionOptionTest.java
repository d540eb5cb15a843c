package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.net.CpuIsa;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --precision bf16} reaches the network of bench model, predict, bottom-up and segment. */
class PrecisionOptionTest {

    @TempDir
    Path dir;

    @Test
    void predictInBf16GivesOtherConfidencesThanFp32AndSaysSo() throws IOException {
        assumeBf16();
        Path boxes = Files.writeString(dir.resolve("boxes.json"),
                "[{\"bbox\": [20.0, 12.0, 345.0, 500.0], \"score\": 0.9}]");
        Path fp32 = dir.resolve("fp32.json");
        Path bf16 = dir.resolve("bf16.json");
        CliRun plain = predict(boxes, fp32);
        CliRun run = predict(boxes, bf16, "--precision", "bf16");
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote 1 person to " + bf16 + " (flip test on, bf16)"), run.out());
        JsonNode expected = new ObjectMapper().readTree(fp32.toFile()).get(0).get("keypoints");
        JsonNode actual = new ObjectMapper().readTree(bf16.toFile()).get(0).get("keypoints");
        assertEquals(expected.size(), actual.size());
        assertNotEquals(expected, actual, "bf16 gave exactly the fp32 keypoints: the option did not reach the network");
    }

    @Test
    void bottomUpRunsInBf16() {
        assumeBf16();
        Path output = dir.resolve("people.json");
        CliRun run = CliRun.of("bottom-up", "--config", fixture("higher-tiny/config.yaml"), "--weights",
                fixture("higher-tiny/model_legacy.pth"), "--image", fixture("higher-tiny/image.png"),
                "--output", output.toString(), "--precision", "BF16");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(", bf16)"), run.out());
        assertTrue(Files.exists(output));
    }

    @Test
    void segmentRunsInBf16() throws IOException {
        assumeBf16();
        String yaml = Files.readString(Path.of(fixture("seg-tiny/config.yaml")));
        Path config = Files.writeString(dir.resolve("config.yaml"), yaml.replace("TEST:\n  BASE_SIZE: 2048\n",
                "TEST:\n  BASE_SIZE: 128\n"));
        Path output = dir.resolve("masks.json");
        CliRun run = CliRun.of("segment", "--config", config.toString(), "--weights",
                fixture("seg-tiny/model_legacy.pth"), "--image", fixture("pose-tiny/image.png"),
                "--output", output.toString(), "--precision", "bf16");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(" (bf16)"), run.out());
        assertTrue(Files.exists(output));
    }

    @Test
    void benchModelMeasuresBf16() {
        assumeBf16();
        CliRun run = CliRun.of("bench", "model", "--config", fixture("pose-tiny/config.yaml"), "--batch-sizes", "2",
                "--iterations", "1", "--warmup", "0", "--precision", "bf16", "--profile");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("ONEDNN execution, bf16"), run.out());
        assertTrue(run.out().contains("batch   2:"), run.out());
        assertTrue(run.out().contains("conv2d+sum+relu"), run.out());
        assertTrue(run.out().contains("GMAC/s"), run.out());
    }

    @Test
    void unknownPrecisionIsOneSentenceAndExitCode2() {
        CliRun run = CliRun.of("bench", "model", "--config", fixture("pose-tiny/config.yaml"), "--precision", "fp16");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected fp32 or bf16, got 'fp16'"), run.err());
    }

    @Test
    void bf16InASameDiffModeIsOneSentenceAndExitCode2() {
        CliRun run = CliRun.of("bench", "model", "--config", fixture("pose-tiny/config.yaml"), "--precision", "bf16",
                "--mode", "SAMEDIFF");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("bf16 precision runs in the ONEDNN (or default DIRECT) execution mode, "
                + "not SAMEDIFF"), run.err());
    }

    private CliRun predict(Path boxes, Path output, String... extra) {
        String[] base = {"predict", "--config", fixture("pose-tiny/config.yaml"), "--weights",
            fixture("pose-tiny/model_legacy.pth"), "--image", fixture("pose-tiny/image.png"), "--boxes",
            boxes.toString(), "--output", output.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private static void assumeBf16() {
        Assumptions.assumeTrue(CpuIsa.detect().bf16(), "this CPU has no bf16 arithmetic");
    }

    private static String fixture(String name) {
        try {
            return Path.of(PrecisionOptionTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
