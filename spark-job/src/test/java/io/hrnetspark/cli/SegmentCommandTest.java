package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.coco.mask.Rle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code hrnet-spark segment} on seg-tiny gives the official labels as per-class COCO masks. */
class SegmentCommandTest {

    private static final int WIDTH = 128;
    private static final int HEIGHT = 64;

    @TempDir
    static Path dir;
    private static Path image;
    private static Path config;
    private static INDArray labels;
    private static INDArray margins;

    /**
     * Image 0 of the fixture as a PNG, and the fixture config with TEST.BASE_SIZE 128 (the image's long
     * side): the official Cityscapes path then runs the image at its own size, as the fixture does.
     */
    @BeforeAll
    static void prepare() throws IOException {
        INDArray images = Nd4j.createFromNpyFile(Path.of(fixture("seg-tiny/images_uint8.npy")).toFile());
        BufferedImage png = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                png.setRGB(x, y, images.getInt(0, y, x, 0) << 16 | images.getInt(0, y, x, 1) << 8
                        | images.getInt(0, y, x, 2));
            }
        }
        image = dir.resolve("image.png");
        ImageIO.write(png, "png", image.toFile());
        String yaml = Files.readString(Path.of(fixture("seg-tiny/config.yaml")));
        assertTrue(yaml.contains("TEST:\n  BASE_SIZE: 2048\n"));
        config = Files.writeString(dir.resolve("config.yaml"), yaml.replace("TEST:\n  BASE_SIZE: 2048\n",
                "TEST:\n  BASE_SIZE: 128\n"));
        labels = Nd4j.createFromNpyFile(Path.of(fixture("seg-tiny/labels.npy")).toFile());
        margins = Nd4j.createFromNpyFile(Path.of(fixture("seg-tiny/label_margin.npy")).toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"seg-tiny/model_legacy.pth", "seg-tiny-ckpt/model_zip.pth",
        "seg-tiny-ckpt/checkpoint_wrapped.pth", "seg-tiny-ckpt/model_fullmodel_legacy.pth"})
    void masksAndLabelPngEqualTheOfficialLabels(String weights) throws IOException {
        Path output = dir.resolve("masks.json");
        Path png = dir.resolve("labels.png");
        CliRun run = CliRun.of("segment", "--config", config.toString(), "--weights", fixture(weights),
                "--image", image.toString(), "--output", output.toString(), "--labels-png", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode masks = new ObjectMapper().readTree(output.toFile());
        assertTrue(run.out().contains("wrote " + masks.size() + " class masks of a 128x64 image to " + output
                + " and the label map to " + png), run.out());
        int[] classOf = new int[WIDTH * HEIGHT];
        Arrays.fill(classOf, -1);
        long area = 0;
        int previous = -1;
        for (JsonNode mask : masks) {
            int category = mask.get("category_id").asInt();
            assertTrue(category > previous && category < 19, "classes in order: " + category);
            previous = category;
            JsonNode segmentation = mask.get("segmentation");
            assertEquals(HEIGHT, segmentation.get("size").get(0).asInt());
            assertEquals(WIDTH, segmentation.get("size").get(1).asInt());
            Rle rle = Rle.fromCompressed(segmentation.get("counts").asText(), HEIGHT, WIDTH);
            assertEquals(rle.area(), mask.get("area").asLong());
            for (int i = 0; i < 4; i++) {
                assertEquals(rle.toBbox()[i], mask.get("bbox").get(i).asDouble());
            }
            area += rle.area();
            byte[] decoded = rle.decode();
            for (int x = 0; x < WIDTH; x++) {
                for (int y = 0; y < HEIGHT; y++) {
                    if (decoded[x * HEIGHT + y] == 1) {
                        assertEquals(-1, classOf[y * WIDTH + x], "one class per pixel");
                        classOf[y * WIDTH + x] = category;
                    }
                }
            }
        }
        assertEquals(WIDTH * HEIGHT, area);
        BufferedImage labelPng = ImageIO.read(png.toFile());
        int[] pngValues = labelPng.getRaster().getPixels(0, 0, WIDTH, HEIGHT, (int[]) null);
        int decided = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                assertEquals(classOf[y * WIDTH + x], pngValues[y * WIDTH + x], "PNG at " + x + "," + y);
                if (margins.getDouble(0, y, x) >= 1e-3) {
                    decided++;
                    assertEquals(labels.getInt(0, y, x), classOf[y * WIDTH + x], "class at " + x + "," + y);
                }
            }
        }
        assertTrue(decided > 8100, decided + " pixels decided");
    }

    @Test
    void poseConfigIsOneSentenceAndExitCode2() {
        Path output = dir.resolve("never.json");
        Path poseConfig = dir.resolve("pose.yaml");
        CliRun run = CliRun.of("segment", "--config", writePoseConfig(poseConfig).toString(), "--weights",
                fixture("seg-tiny/model_legacy.pth"), "--image", image.toString(), "--output", output.toString());
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: Config " + poseConfig + " is a pose_hrnet experiment, not a segmentation one "
                + "(MODEL.NAME seg_hrnet): pass a segmentation config.", run.err().strip());
        assertFalse(Files.exists(output));
    }

    @Test
    void missingImageIsOneSentenceAndExitCode2() {
        Path output = dir.resolve("never.json");
        CliRun run = CliRun.of("segment", "--config", config.toString(), "--weights",
                fixture("seg-tiny/model_legacy.pth"), "--image", "no-such.png", "--output", output.toString());
        assertEquals(2, run.exitCode());
        assertEquals("hrnet-spark: Image file 'no-such.png' does not exist: check the path.", run.err().strip());
        assertFalse(Files.exists(output));
    }

    @Test
    void weightsOfAnotherNetworkAreOneSentenceAndExitCode2() {
        Path output = dir.resolve("never.json");
        CliRun run = CliRun.of("segment", "--config", config.toString(), "--weights",
                fixture("pose-tiny/model_legacy.pth"), "--image", image.toString(), "--output", output.toString());
        assertEquals(2, run.exitCode());
        String err = run.err().strip();
        assertTrue(err.startsWith("hrnet-spark: Weights "), err);
        assertTrue(err.endsWith("; use the checkpoint trained with this config."), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(Files.exists(output));
    }

    private static Path writePoseConfig(Path file) {
        try {
            return Files.writeString(file, Files.readString(Path.of(fixture("pose-tiny/config.yaml"))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name) {
        try {
            return Path.of(SegmentCommandTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
