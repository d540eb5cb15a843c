package io.hrnetspark.model.seg;

import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.dataset.SegmentationClasses.SegmentationClass;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A label map as an 8-bit palette PNG: each pixel's value is its class index (Cityscapes train id,
 * LIP label), so the file reads back as the label map, and the palette holds the classes' colours,
 * so image viewers show the familiar colouring. Values without a class are black.
 */
public final class LabelMapPng {

    private static final int ENTRIES = 256;

    private LabelMapPng() {
    }

    /** The PNG file's bytes. */
    public static byte[] encode(LabelMap labels, SegmentationClasses classes) {
        byte[] red = new byte[ENTRIES];
        byte[] green = new byte[ENTRIES];
        byte[] blue = new byte[ENTRIES];
        for (SegmentationClass c : classes.classes()) {
            red[c.id()] = (byte) c.red();
            green[c.id()] = (byte) c.green();
            blue[c.id()] = (byte) c.blue();
        }
        BufferedImage image = new BufferedImage(labels.width(), labels.height(), BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, ENTRIES, red, green, blue));
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(labels.labels(), 0, pixels, 0, pixels.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer is available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a PNG in memory", e);
        }
        return out.toByteArray();
    }
}
