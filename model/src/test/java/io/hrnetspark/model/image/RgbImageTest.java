package io.hrnetspark.model.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.fixture.Fixtures;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RgbImageTest {

    @Test
    void poseTinyPhotoDecodesTo512By512() {
        try (RgbImage image = RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png")) {
            assertEquals(512, image.width());
            assertEquals(512, image.height());
        }
    }

    @Test
    void colourPngComesOutInRgbOrder() {
        byte[] png = encode(".png", new Mat(2, 3, CV_8UC3, new Scalar(10, 20, 30, 0)));
        assertPixels(png, 3, 2, 30, 20, 10);
    }

    @Test
    void grayscalePngBecomesThreeEqualChannels() {
        byte[] png = encode(".png", new Mat(4, 5, CV_8UC1, new Scalar(77)));
        assertPixels(png, 5, 4, 77, 77, 77);
    }

    @Test
    void alphaIsDropped() {
        byte[] png = encode(".png", new Mat(3, 3, CV_8UC4, new Scalar(10, 20, 30, 40)));
        assertPixels(png, 3, 3, 30, 20, 10);
    }

    @Test
    void sixteenBitPngKeepsTheHighByte() {
        byte[] png = encode(".png", new Mat(2, 2, CV_16UC3, new Scalar(0xAB10, 0x1200, 0xFF7F, 0)));
        assertPixels(png, 2, 2, 0xFF, 0x12, 0xAB);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        // Adobe-style CMYK stores inverted ink values: all 255 is paper white, black ink (K byte 0) is black.
        try (RgbImage white = RgbImage.decode(cmykJpeg(255, 255, 255, 255), "white.jpg");
             RgbImage black = RgbImage.decode(cmykJpeg(255, 255, 255, 0), "black.jpg")) {
            assertEquals(16, white.width());
            assertEquals(8, white.height());
            for (byte v : white.pixels()) {
                assertTrue((v & 0xFF) >= 250, "white, got " + (v & 0xFF));
            }
            for (byte v : black.pixels()) {
                assertTrue((v & 0xFF) <= 5, "black, got " + (v & 0xFF));
            }
        }
    }

    @Test
    void exifOrientationIsIgnoredAsTheOfficialReaderDoes() {
        byte[] jpeg = encode(".jpg", new Mat(2, 4, CV_8UC3, new Scalar(0, 0, 0, 0)));
        byte[] rotated = withExifOrientation(jpeg, 6);
        try (RgbImage image = RgbImage.decode(rotated, "rotated.jpg")) {
            assertEquals(4, image.width());
            assertEquals(2, image.height());
        }
    }

    @Test
    void truncatedJpegIsRefused() {
        byte[] jpeg = noiseJpeg();
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length * 6 / 10);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RgbImage.decode(truncated, "cut.jpg"));
        assertEquals("Image 'cut.jpg' is a truncated JPEG (its data ends before the end-of-image marker): "
                + "re-copy or re-encode it.", e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> RgbImage.decode(Arrays.copyOf(jpeg, jpeg.length - 2), "no-eoi.jpg"));
    }

    @Test
    void progressiveJpegIsCheckedThroughAllItsScans() {
        byte[] jpeg;
        try (Mat image = noise(32, 32); BytePointer buffer = new BytePointer();
             IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1)) {
            assertTrue(opencv_imgcodecs.imencode(".jpg", image, buffer, params));
            jpeg = new byte[(int) buffer.limit()];
            buffer.get(jpeg);
        }
        try (RgbImage image = RgbImage.decode(jpeg, "progressive.jpg")) {
            assertEquals(32, image.height());
        }
        assertThrows(InvalidInputException.class,
                () -> RgbImage.decode(Arrays.copyOf(jpeg, jpeg.length * 3 / 4), "cut-progressive.jpg"));
    }

    @Test
    void endMarkerInsideAnApplicationSegmentDoesNotHideATruncation() {
        // an EXIF thumbnail is a whole JPEG, end marker included, inside the APP1 segment
        byte[] thumbnail = {(byte) 0xFF, (byte) 0xE1, 0, 12, 'E', 'x', 'i', 'f', 0, 0,
            (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        byte[] jpeg = afterStartOfImage(noiseJpeg(), thumbnail);
        try (RgbImage image = RgbImage.decode(jpeg, "with-thumbnail.jpg")) {
            assertEquals(32, image.width());
        }
        assertThrows(InvalidInputException.class,
                () -> RgbImage.decode(Arrays.copyOf(jpeg, jpeg.length / 2), "cut-with-thumbnail.jpg"));
    }

    @Test
    void completeJpegWithBytesAfterTheEndMarkerDecodes() {
        byte[] jpeg = noiseJpeg();
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 7);
        try (RgbImage image = RgbImage.decode(padded, "padded.jpg")) {
            assertEquals(32, image.width());
        }
    }

    @Test
    void truncatedPngIsRefused() {
        byte[] png = encode(".png", noise(32, 32));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RgbImage.decode(Arrays.copyOf(png, png.length / 2), "cut.png"));
        assertEquals("Image 'cut.png' cannot be decoded (not an image, an unsupported format, or corrupt data): "
                + "supply a JPEG or PNG file.", e.getMessage());
    }

    @Test
    void emptyBytesAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RgbImage.decode(new byte[0], "empty.jpg"));
        assertEquals("Image 'empty.jpg' is empty (0 bytes): supply a JPEG or PNG file.", e.getMessage());
    }

    @Test
    void textFileIsRefused() {
        byte[] text = "person boxes go in a JSON file\n".getBytes(StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RgbImage.decode(text, "notes.txt"));
        assertTrue(e.getMessage().startsWith("Image 'notes.txt' cannot be decoded"), e.getMessage());
    }

    @Test
    void missingFileIsRefusedNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.png");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RgbImage.read(missing));
        assertEquals("Image file '" + missing + "' does not exist: check the path.", e.getMessage());
    }

    @Test
    void readDecodesAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gray.png");
        Files.write(file, encode(".png", new Mat(4, 5, CV_8UC1, new Scalar(9))));
        try (RgbImage image = RgbImage.read(file)) {
            assertEquals(5, image.width());
        }
    }

    /** cv2.resize INTER_LINEAR: half-pixel sampling, clamped at the border, 8-bit results rounded. */
    @Test
    void resizedSamplesBilinearlyAtPixelCentres() {
        byte[] rgb = {0, 0, 0, (byte) 255, (byte) 255, (byte) 255};
        try (RgbImage image = RgbImage.fromRgb(rgb, 2, 1); RgbImage resized = image.resized(4, 2)) {
            assertEquals(4, resized.width());
            assertEquals(2, resized.height());
            byte[] row = {0, 0, 0, 64, 64, 64, (byte) 191, (byte) 191, (byte) 191, (byte) 255, (byte) 255, (byte) 255};
            byte[] expected = new byte[24];
            System.arraycopy(row, 0, expected, 0, 12);
            System.arraycopy(row, 0, expected, 12, 12);
            assertArrayEquals(expected, resized.pixels());
            assertArrayEquals(rgb, image.pixels());
        }
    }

    private static void assertPixels(byte[] encoded, int width, int height, int r, int g, int b) {
        try (RgbImage image = RgbImage.decode(encoded, "test")) {
            assertEquals(width, image.width());
            assertEquals(height, image.height());
            byte[] expected = new byte[width * height * 3];
            for (int i = 0; i < expected.length; i += 3) {
                expected[i] = (byte) r;
                expected[i + 1] = (byte) g;
                expected[i + 2] = (byte) b;
            }
            assertArrayEquals(expected, image.pixels());
        }
    }

    static byte[] encode(String extension, Mat mat) {
        try (mat; BytePointer buffer = new BytePointer()) {
            assertTrue(opencv_imgcodecs.imencode(extension, mat, buffer));
            byte[] encoded = new byte[(int) buffer.limit()];
            buffer.get(encoded);
            return encoded;
        }
    }

    private static Mat noise(int width, int height) {
        byte[] values = new byte[width * height * 3];
        new Random(7).nextBytes(values);
        Mat mat = new Mat(height, width, CV_8UC3);
        mat.data().put(values, 0, values.length);
        return mat;
    }

    private static byte[] noiseJpeg() {
        return encode(".jpg", noise(32, 32));
    }

    /** A 16x8 four-component (CMYK) JPEG of one colour, written by the JDK's encoder. */
    private static byte[] cmykJpeg(int c, int m, int y, int k) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 8, 4, null);
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 16; col++) {
                raster.setPixel(col, row, new int[] {c, m, y, k});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JPEG with an EXIF APP1 segment holding only an orientation tag, right after SOI. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] app1 = {
            (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
        return afterStartOfImage(jpeg, app1);
    }

    private static byte[] afterStartOfImage(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }
}
