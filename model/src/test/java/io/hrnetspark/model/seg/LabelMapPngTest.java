package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.dataset.SegmentationClasses;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
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
}
