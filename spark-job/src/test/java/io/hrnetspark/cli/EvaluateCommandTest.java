package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.eval.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hrnet-spark evaluate} and {@code hrnet-spark bench evaluate} from the command line. */
class EvaluateCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void sharedSession() {
        SparkTestSession.get();
    }

    private int run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return HrnetSparkCli.run(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void evaluatePrintsTheOfficialSummaryAndWritesTheMetrics() throws Exception {
        int code = run("evaluate", "--gt", SparkTestSession.fixture("crowdpose-eval", "gt.json"),
                "--results", SparkTestSession.fixture("crowdpose-eval", "results.json"),
                "--type", "keypoints", "--dataset", "crowdpose", "--output", tmp.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(Files.readString(Path.of(SparkTestSession.fixture("crowdpose-eval", "summary.txt"))),
                out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(tmp.resolve("metrics.json")));
        assertTrue(Files.isDirectory(tmp.resolve("metrics")));
    }

    @Test
    void reportWorstSetsHowManyWorstImagesTheReportLists() throws Exception {
        int code = run("evaluate", "--gt", SparkTestSession.fixture("coco-keypoints-eval", "gt.json"),
                "--results", SparkTestSession.fixture("coco-keypoints-eval", "results.json"),
                "--type", "keypoints", "--report", tmp.toString(), "--report-worst", "2");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String worst = Files.readString(tmp.resolve("index.html")).split("<h2>Worst images</h2>")[1];
        assertTrue(worst.contains("<tr><td>2</td>") && !worst.contains("<tr><td>3</td>"), worst);
    }

    @Test
    void imagesWithoutAReportIsOneSentenceAndExitCodeTwo() {
        int code = run("evaluate", "--gt", "gt.json", "--results", "r.json", "--type", "keypoints",
                "--images", "val2017");
        assertEquals(2, code);
        assertEquals("hrnet-spark: --images is read only to draw the report's worst images; add --report DIR"
                + " or leave --images out.", err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void miouOptionsThatDoNotApplyAreOneSentence() {
        assertEquals(2, run("evaluate", "--type", "miou", "--results", "out/masks", "--gt-labels", "gt",
                "--gt", "gt.json"));
        assertEquals("hrnet-spark: --type miou reads its ground truth from --gt-labels and writes no report; leave"
                + " out --gt, --dataset, --report and --images.", err.toString(StandardCharsets.UTF_8).trim());
        err.reset();
        assertEquals(2, run("evaluate", "--type", "keypoints", "--results", "r.json", "--gt", "gt.json",
                "--label-map", "lip"));
        assertEquals("hrnet-spark: --gt-labels, --label-map and --num-classes are for --type miou; leave them out"
                + " for --type keypoints.", err.toString(StandardCharsets.UTF_8).trim());
        err.reset();
        assertEquals(2, run("evaluate", "--type", "miou", "--results", "out/masks"));
        assertEquals("hrnet-spark: --type miou scores masks against ground-truth label PNGs; give their root with"
                + " --gt-labels ROOT.", err.toString(StandardCharsets.UTF_8).trim());
        err.reset();
        assertEquals(2, run("evaluate", "--type", "miou", "--results", "out/masks", "--gt-labels", "gt",
                "--label-map", "ade"));
        assertEquals("hrnet-spark: Unknown label map 'ade': use cityscapes, lip or identity.",
                err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void aBadTypeIsOneSentenceAndExitCodeTwo() {
        int code = run("evaluate", "--gt", "gt.json", "--results", "r.json", "--type", "pose");
        assertEquals(2, code);
        assertEquals("hrnet-spark: Unknown evaluation type 'pose': use keypoints, segm, bbox or miou.",
                err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void resultsForUnknownImagesAreOneSentenceAndExitCodeTwo() throws Exception {
        Path results = tmp.resolve("r.json");
        Files.writeString(results, "[{\"image_id\": 1, \"category_id\": 1, \"score\": 1,"
                + " \"keypoints\": [1, 2, 1]}]");
        String gt = SparkTestSession.fixture("coco-keypoints-eval", "gt.json");
        assertEquals(2, run("evaluate", "--gt", gt, "--results", results.toString(), "--type", "keypoints"));
        assertEquals("hrnet-spark: " + results + " has results for 1 image id(s) absent from the ground truth "
                + gt + " (first: 1); evaluate results against the ground truth they were made for.",
                err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void benchEvaluatePrintsItsFigures() {
        int code = run("bench", "evaluate", "--images", "30", "--people", "120", "--detections", "400");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("synthetic set: 30 images, 120 people, 400 detections"), printed);
        assertTrue(printed.contains("load (parse GT + loadRes):") && printed.contains("evaluate on Spark local[2]:")
                && printed.contains("evaluate on one thread") && printed.contains("peak heap"), printed);
    }
}
