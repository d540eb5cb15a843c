package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.SegmentationClasses;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LabelMapPngTest {

    @Test
    void pixelValuesAreClassIndicesAndThePaletteTheClassColours() throws IOException {
        LabelMap labels = ConfusionMatrixTest.map(new int[][] {{0, 13, 18}, {255, 2, 0}});
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                LabelMapPng.encode(labels, SegmentationClasses.CITYSCAPES)));
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        int[] values = image.getRaster().getPixels(0, 0, 3, 2, (int[]) null);
        assertEquals(List.of(0, 13, 18, 255, 2, 0), Arrays.stream(values).boxed().toList());
        IndexColorModel palette = (IndexColorModel) image.getColorModel();
        assertEquals(0xFF00008E, palette.getRGB(13), "car");
        assertEquals(0xFF804080, palette.getRGB(0), "road");
        assertEquals(0xFF000000, palette.getRGB(255), "no class");
    }

    @Test
    void decodeReadsTheStoredValuesOfPaletteAndGrayscalePngs() throws IOException {
        LabelMap labels = ConfusionMatrixTest.map(new int[][] {{0, 13, 18}, {255, 2, 33}});
        assertEquals(labels, LabelMapPng.decode(LabelMapPng.encode(labels, SegmentationClasses.CITYSCAPES), "p.png"));
        BufferedImage gray = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setPixels(0, 0, 3, 2, new int[] {0, 13, 18, 255, 2, 33});
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(gray, "png", png);
        assertEquals(labels, LabelMapPng.decode(png.toByteArray(), "g.png"));
    }

    @Test
    void colourImagesAndOtherBytesAreOneSentence() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR), "png", png);
        assertEquals("Label file c.png has 3 channel(s) of 8 bits; a label file holds one 8-bit class value per"
                        + " pixel (grayscale or palette PNG).",
                assertThrows(InvalidInputException.class, () -> LabelMapPng.decode(png.toByteArray(), "c.png"))
                        .getMessage());
        assertEquals("Label file t.png is not an image; a label file is a PNG with one class value per pixel.",
                assertThrows(InvalidInputException.class, () -> LabelMapPng.decode(new byte[] {1, 2, 3}, "t.png"))
                        .getMessage());
    }
}
