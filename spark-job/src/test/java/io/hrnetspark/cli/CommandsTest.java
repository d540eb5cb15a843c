package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands end to end, in-process, on a local Spark session they share. */
class CommandsTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        ExecutorModelCache.closeAll();
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine commandLine = HrnetSparkCli.commandLine(BoxEchoModelFactory.plain());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void sampleAnnotateExportRender() throws IOException {
        String sample = dir.resolve("sample").toString();
        Outcome generated = run("sample", "--output", sample, "--images", "5", "--width", "160", "--height", "120");
        assertEquals(0, generated.exitCode(), generated.err());
        assertTrue(generated.out().startsWith("Generated 5 images with "), generated.out());

        String config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
        String out = dir.resolve("out").toString();
        Outcome annotated = run("annotate", "--images", sample + "/images", "--annotations",
                sample + "/annotations.json", "--config", config, "--random-weights", "--output", out,
                "--batch-size", "4", "--evaluate");
        assertEquals(0, annotated.exitCode(), annotated.err());
        assertTrue(annotated.out().contains(
                " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = "), annotated.out());
        assertTrue(Files.exists(Path.of(out, "evaluation", "metrics.json")));
        assertTrue(annotated.out().contains("of model echo-random finished in"), annotated.out());
        assertTrue(annotated.out().contains("with RANDOM weights"), annotated.out());
        assertTrue(annotated.out().contains("5 listed, 5 annotated, 0 failed"), annotated.out());
        assertTrue(annotated.out().contains(out + "/predictions"), annotated.out());

        Path results = dir.resolve("results.json");
        Outcome exported = run("export", "--predictions", out, "--output", results.toString());
        assertEquals(0, exported.exitCode(), exported.err());
        JsonNode gt = new ObjectMapper().readTree(Path.of(sample, "annotations.json").toFile());
        Set<Long> gtImages = new HashSet<>();
        gt.get("images").forEach(image -> gtImages.add(image.get("id").asLong()));
        JsonNode list = new ObjectMapper().readTree(results.toFile());
        assertTrue(list.isArray());
        assertEquals(gt.get("annotations").size(), list.size());
        long previous = Long.MIN_VALUE;
        for (JsonNode result : list) {
            // what pycocotools' loadRes needs: known image ids, category, 3 numbers per keypoint, a score
            assertTrue(gtImages.contains(result.get("image_id").asLong()));
            assertEquals(1, result.get("category_id").asInt());
            assertEquals(51, result.get("keypoints").size());
            assertTrue(result.get("score").isNumber());
            assertTrue(result.get("image_id").asLong() >= previous);
            previous = result.get("image_id").asLong();
        }
        assertEquals("Wrote " + list.size() + " keypoint results to file:" + results + System.lineSeparator(),
                exported.out());

        Path rendered = dir.resolve("rendered");
        Outcome drawn = run("render", "--predictions", out + "/predictions", "--images", sample + "/images",
                "--output", rendered.toString(), "--limit", "3");
        assertEquals(0, drawn.exitCode(), drawn.err());
        try (Stream<Path> files = Files.list(rendered)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .sorted().toList();
            assertEquals(List.of("000000000001.png", "000000000002.png", "000000000003.png"), names);
        }
        BufferedImage first = ImageIO.read(rendered.resolve("000000000001.png").toFile());
        assertEquals(160, first.getWidth());
        assertEquals(120, first.getHeight());

        Outcome plain = run("export", "--predictions", out, "--output", dir.resolve("plain").toString(),
                "--format", "parquet");
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(gt.get("annotations").size(), spark.read().parquet(dir.resolve("plain").toString()).count());
        Outcome lines = run("export", "--predictions", out, "--output", dir.resolve("images-json").toString(),
                "--format", "json", "--table", "images");
        assertEquals(0, lines.exitCode(), lines.err());
        assertEquals(5, spark.read().json(dir.resolve("images-json").toString()).count());

        Outcome maintained = run("maintain", "--output", out);
        assertEquals(0, maintained.exitCode(), maintained.err());
        List<String> tables = maintained.out().lines().map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("predictions", "errors", "images", "run", "evaluation/metrics"), tables);
        assertEquals(gt.get("annotations").size(),
                spark.read().format("delta").load(out + "/predictions").count(), "compaction keeps every row");
    }

    @Test
    void benchAnnotatePrintsEndToEndAndModelOnlyThroughput() throws IOException {
        String config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
        Outcome bench = run("bench", "annotate", "--images", "6", "--width", "96", "--height", "64", "--config",
                config, "--batch-size", "4", "--model-batches", "3", "--warmup-images", "2", "--work-dir",
                dir.resolve("bench").toString());
        assertEquals(0, bench.exitCode(), bench.err());
        List<String> lines = bench.out().lines().toList();
        assertTrue(lines.get(0).startsWith("bench annotate: 6 images, "), bench.out());
        assertTrue(lines.get(0).endsWith("batch 4, flip test true, model echo-random (random weights)"), bench.out());
        assertTrue(lines.get(1).matches("  end to end: +[0-9.]+ s +[0-9.]+ images/s +[0-9.]+ crops/s"), bench.out());
        assertTrue(lines.get(3).matches(
                "  model only: +[0-9.]+ s +[0-9.]+ crops/s +\\(6 crops in batches of 4 samples, [0-9]+ network"
                        + " threads, .*"),
                bench.out());
        assertTrue(lines.get(4).matches("  end to end / model only: [0-9]+%"), bench.out());
        assertTrue(lines.get(5).matches("  inference / model only: [0-9]+% .*"), bench.out());
        assertEquals("  warm-up: 2 other images annotated first, not counted (network built, code compiled)",
                lines.get(6), bench.out());
        assertTrue(Files.isDirectory(dir.resolve("bench/annotations/predictions")));
        assertTrue(Files.isDirectory(dir.resolve("bench/warmup-annotations/predictions")),
                "the warm-up run writes its own output");
    }

    @Test
    void userErrorsExitWithTwoAndOneSentenceEach() throws IOException {
        String config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
        Outcome noWeights = run("annotate", "--images", dir.toString(), "--annotations", config, "--config", config,
                "--output", dir.resolve("out").toString());
        assertEquals(2, noWeights.exitCode());
        assertEquals("hrnet-spark: No --weights given: pass the official .pth checkpoint, or --random-weights to run"
                + " untrained weights (the keypoints are then meaningless)." + System.lineSeparator(), noWeights.err());

        Outcome missingOption = run("annotate", "--images", dir.toString());
        assertEquals(2, missingOption.exitCode());
        assertTrue(missingOption.err().startsWith("Missing required options: '--config=C.yaml', '--output=OUT'"),
                missingOption.err());

        Outcome noPredictions = run("export", "--predictions", dir.resolve("none").toString(), "--output",
                dir.resolve("r.json").toString());
        assertEquals(2, noPredictions.exitCode());
        assertEquals("hrnet-spark: Predictions " + dir.resolve("none") + " do not exist; pass the output directory"
                + " of an annotate run (or its predictions table)." + System.lineSeparator(), noPredictions.err());

        Outcome noTables = run("maintain", "--output", dir.toString());
        assertEquals(2, noTables.exitCode());
        assertEquals("hrnet-spark: --output " + dir + " holds no Delta table; give the output directory of annotate"
                + " or evaluate runs." + System.lineSeparator(), noTables.err());

        Outcome badSample = run("sample", "--output", dir.toString(), "--images", "0");
        assertEquals(2, badSample.exitCode());
    }
}
