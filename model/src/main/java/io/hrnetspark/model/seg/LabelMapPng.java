package io.hrnetspark.model.seg;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.dataset.SegmentationClasses.SegmentationClass;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A label map as an 8-bit palette PNG: each pixel's value is its class index (Cityscapes train id,
 * LIP label), so the file reads back as the label map, and the palette holds the classes' colours,
 * so image viewers show the familiar colouring. Values without a class are black. Also reads label PNGs
 * (ground truth such as Cityscapes {@code _gtFine_labelIds.png} or LIP segmentations): one 8-bit (or fewer
 * bits) value per pixel, grayscale or palette, taken as stored.
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

    /**
     * The label map a PNG stores: the value of each pixel as stored (a palette PNG's indices, a grayscale
     * PNG's levels, as {@code cv2.imread(..., IMREAD_GRAYSCALE)} reads the grayscale label files of the
     * official datasets).
     *
     * @param name names the file in error messages
     * @throws InvalidInputException when the bytes are not a PNG with one value of at most 8 bits per pixel
     */
    public static LabelMap decode(byte[] png, String name) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new InvalidInputException("Label file " + name + " cannot be decoded (" + e.getMessage()
                    + "); a label file is a PNG with one class value per pixel.", e);
        }
        if (image == null) {
            throw new InvalidInputException("Label file " + name + " is not an image; a label file is a PNG with"
                    + " one class value per pixel.");
        }
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1 || raster.getSampleModel().getSampleSize(0) > 8) {
            throw new InvalidInputException("Label file " + name + " has " + raster.getNumBands() + " channel(s) of "
                    + raster.getSampleModel().getSampleSize(0) + " bits; a label file holds one 8-bit class value"
                    + " per pixel (grayscale or palette PNG).");
        }
        int[] values = raster.getSamples(0, 0, image.getWidth(), image.getHeight(), 0, (int[]) null);
        byte[] labels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            labels[i] = (byte) values[i];
        }
        return new LabelMap(image.getWidth(), image.getHeight(), labels);
    }
}
