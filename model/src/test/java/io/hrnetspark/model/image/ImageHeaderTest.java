package io.hrnetspark.model.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {

    @Test
    void readsTheDeclaredSizeOfEveryFormatTheJobAccepts() throws IOException {
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR);
        for (String format : new String[] {"png", "jpeg", "bmp", "gif", "tiff"}) {
            assertEquals(new ImageHeader(7, 5), ImageHeader.read(encode(image, format), "x." + format), format);
        }
        assertEquals(new ImageHeader(7, 5), ImageHeader.read(openCv(".webp"), "x.webp"));
        byte[] ppm = ("P6\n7 5\n255\n" + "\0".repeat(7 * 5 * 3)).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(new ImageHeader(7, 5), ImageHeader.read(ppm, "x.ppm"));
    }

    @Test
    void aSmallFileDeclaringAHugeImageIsRefusedFromItsHeader() throws IOException {
        byte[] png = encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "png");
        ByteBuffer.wrap(png).putInt(16, 30000).putInt(20, 30000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());

        ImageHeader header = ImageHeader.read(png, "bomb.png");
        assertEquals(900_000_000L, header.pixels());
        header.requireAtMost(900_000_000L, "bomb.png");
        assertEquals("Image 'bomb.png' declares 30000x30000 = 900,000,000 pixels, more than the limit of 100,000,000"
                + " (--max-image-pixels); it was not decoded. Raise the limit if the image is genuine.",
                assertThrows(InvalidInputException.class, () -> header.requireAtMost(100_000_000L, "bomb.png"))
                        .getMessage());
    }

    @Test
    void unknownFormatsAndBrokenHeadersAreOneSentence() throws IOException {
        assertEquals("Image 'notes.txt' is in no format whose size can be read before decoding (JPEG, PNG, BMP,"
                + " GIF, TIFF, WebP, PNM): convert it to JPEG or PNG.", assertThrows(InvalidInputException.class,
                () -> ImageHeader.read("just text".getBytes(StandardCharsets.UTF_8), "notes.txt")).getMessage());
        byte[] png = encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "png");
        byte[] cut = java.util.Arrays.copyOf(png, 20);
        String message = assertThrows(InvalidInputException.class, () -> ImageHeader.read(cut, "cut.png"))
                .getMessage();
        assertEquals(true, message.startsWith("Image 'cut.png' has an unreadable PNG header ("), message);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("ImageIO cannot write " + format);
        }
        return out.toByteArray();
    }

    private static byte[] openCv(String extension) {
        try (Mat mat = new Mat(5, 7, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(30, 60, 90, 0));
             BytePointer encoded = new BytePointer()) {
            opencv_imgcodecs.imencode(extension, mat, encoded);
            byte[] bytes = new byte[(int) encoded.limit()];
            encoded.get(bytes);
            return bytes;
        }
    }
}
