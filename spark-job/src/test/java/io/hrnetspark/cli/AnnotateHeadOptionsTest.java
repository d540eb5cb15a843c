package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code annotate} refuses options that do not apply to the config's head: one sentence, exit code 2. */
class AnnotateHeadOptionsTest {

    @TempDir
    Path dir;

    private static String fixture(String name) {
        try {
            return Path.of(AnnotateHeadOptionsTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private CliRun annotate(String config, String... more) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        String[] base = {"annotate", "--master", "local[1]", "--images", images.toString(), "--config", config,
            "--random-weights", "--output", dir.resolve("out").toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    /** What the command line said to the user (Spark may log to standard error too). */
    private static List<String> said(CliRun run) {
        return run.err().lines().filter(line -> line.startsWith("hrnet-spark:")).toList();
    }

    @Test
    void optionsOfAnotherHeadAreOneSentenceAndExitCode2() throws IOException {
        Path detections = Files.writeString(dir.resolve("detections.json"), "[]");
        CliRun boxes = annotate(fixture("higher-tiny/config.yaml"), "--boxes", detections.toString());
        assertEquals(2, boxes.exitCode(), boxes.err());
        assertEquals(List.of("hrnet-spark: --boxes does not apply to bottom-up configs, which take whole images (MODEL.NAME"
                + " pose_higher_hrnet); drop it."), said(boxes));

        Path gt = Files.writeString(dir.resolve("gt.json"), "{\"images\": [], \"annotations\": []}");
        CliRun evaluate = annotate(fixture("seg-tiny/config.yaml"), "--annotations", gt.toString(), "--evaluate");
        assertEquals(2, evaluate.exitCode(), evaluate.err());
        assertEquals(List.of("hrnet-spark: --evaluate scores keypoints and does not apply to segmentation configs; drop it"
                + " and score the masks with evaluate --type miou."), said(evaluate));

        CliRun labels = annotate(fixture("pose-tiny/config.yaml"), "--annotations", gt.toString(), "--label-pngs");
        assertEquals(2, labels.exitCode(), labels.err());
        assertEquals(List.of("hrnet-spark: --label-pngs writes segmentation label maps and does not apply to top-down pose"
                + " configs; drop it."), said(labels));
    }
}
