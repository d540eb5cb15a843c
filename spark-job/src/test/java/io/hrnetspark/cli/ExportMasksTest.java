package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.eval.SparkTestSession;
import io.hrnetspark.job.testing.MasksTableFixture;
import io.hrnetspark.job.testing.MasksTableFixture.Image;
import io.hrnetspark.model.coco.mask.Rle;
import io.hrnetspark.model.seg.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --masks}: a masks table as the COCO segmentation results list {@code COCO.loadRes} reads.
 * pycocotools is not installed here, so the test holds the file to what {@code loadRes} requires of
 * segmentation results (a JSON list; each entry an {@code image_id}, a {@code category_id} and a
 * {@code segmentation} {@code {size: [h, w], counts: str}} that {@code maskUtils.area} and {@code toBbox}
 * decode) and decodes every RLE string with the model's COCO RLE decoder back to the label map's pixels.
 */
class ExportMasksTest {

    @TempDir
    Path dir;

    @Test
    void masksBecomeACocoSegmentationResultsList() throws IOException {
        SparkTestSession.get();
        int w = 7;
        int h = 5;
        List<LabelMap> maps = List.of(labels(w, h, (x, y) -> x < 3 ? 0 : y < 2 ? 13 : 18),
                labels(w, h, (x, y) -> (x + y) % 4 == 0 ? 2 : 11));
        List<Image> images = List.of(new Image(42, "b.png", maps.get(1)), new Image(7, "a.png", maps.get(0)));
        String masks = dir.resolve("out/masks").toString();
        MasksTableFixture.write(SparkTestSession.get(), masks, MasksTableFixture.rows(images, c -> "class " + c,
                "seg-model", mask -> false));
        Path results = dir.resolve("results.json");

        CliRun run = CliRun.of("export", "--masks", "--table", masks, "--output", results.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Wrote 5 segmentation results to " + results.toUri().toString().replace("file:///", "file:/"),
                run.out().trim());

        JsonNode list = new ObjectMapper().readTree(results.toFile());
        assertTrue(list.isArray());
        long[] expectedImages = {7, 7, 7, 42, 42};
        int[] expectedClasses = {0, 13, 18, 2, 11};
        assertEquals(expectedImages.length, list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode result = list.get(i);
            List<String> fields = new ArrayList<>();
            result.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("image_id", "category_id", "segmentation", "score"), fields);
            assertTrue(result.get("image_id").isIntegralNumber() && result.get("category_id").isIntegralNumber());
            assertEquals(expectedImages[i], result.get("image_id").asLong());
            assertEquals(expectedClasses[i], result.get("category_id").asInt());
            assertEquals(1, result.get("score").asInt());
            JsonNode segmentation = result.get("segmentation");
            Set<String> keys = new java.util.HashSet<>();
            segmentation.fieldNames().forEachRemaining(keys::add);
            assertEquals(Set.of("size", "counts"), keys);
            assertEquals(List.of(h, w), List.of(segmentation.get("size").get(0).asInt(),
                    segmentation.get("size").get(1).asInt()));
            assertTrue(segmentation.get("counts").isTextual());
            byte[] decoded = Rle.fromCompressed(segmentation.get("counts").asText(), h, w).decode();
            LabelMap map = maps.get(expectedImages[i] == 7 ? 0 : 1);
            byte[] expected = new byte[w * h];
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    expected[x * h + y] = (byte) (map.label(x, y) == expectedClasses[i] ? 1 : 0);
                }
            }
            assertArrayEquals(expected, decoded, "mask " + i);
        }
    }

    @Test
    void masksNeedOneTableAndNoOtherFormat() {
        CliRun both = CliRun.of("export", "--masks", "--table", "t", "--predictions", "p", "--output", "r.json");
        assertEquals(2, both.exitCode());
        assertEquals("hrnet-spark: --masks reads one masks table; give either --table OUT/masks or --predictions OUT.",
                both.err().trim());
        CliRun parquet = CliRun.of("export", "--masks", "--table", "t", "--format", "parquet", "--output", "d");
        assertEquals("hrnet-spark: --masks writes a COCO segmentation results file; leave out --format and"
                + " --all-persons (for plain files use --format parquet --table masks --predictions OUT).",
                parquet.err().trim());
    }

    private interface Labeller {
        int at(int x, int y);
    }

    private static LabelMap labels(int w, int h, Labeller labeller) {
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                labels[y * w + x] = (byte) labeller.at(x, y);
            }
        }
        return new LabelMap(w, h, labels);
    }
}
