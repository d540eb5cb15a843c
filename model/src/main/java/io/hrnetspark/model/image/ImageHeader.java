package io.hrnetspark.model.image;

import com.twelvemonkeys.imageio.plugins.pnm.PNMImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import io.hrnetspark.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * The pixel size an encoded image declares in its header, read without decoding any pixel (ImageIO's
 * readers: JPEG, PNG, BMP, GIF, TIFF from the JDK, WebP and PNM from TwelveMonkeys), so that a small
 * file declaring a huge image is refused before it takes gigabytes of memory.
 */
public record ImageHeader(int width, int height) {

    static {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(new WebPImageReaderSpi());
        registry.registerServiceProvider(new PNMImageReaderSpi());
    }

    public long pixels() {
        return (long) width * height;
    }

    /**
     * @param name the file name or path, for messages
     * @throws InvalidInputException when no reader recognises the format or the header is unreadable
     */
    public static ImageHeader read(byte[] encoded, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException("Image '" + name + "' is in no format whose size can be read before"
                        + " decoding (JPEG, PNG, BMP, GIF, TIFF, WebP, PNM): convert it to JPEG or PNG.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new ImageHeader(reader.getWidth(0), reader.getHeight(0));
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException("Image '" + name + "' has an unreadable " + reader.getFormatName()
                        .toUpperCase(Locale.ROOT) + " header (" + e.getMessage() + "): re-copy or re-encode it.", e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the header of " + name, e);
        }
    }

    /**
     * @throws InvalidInputException when the image declares more than {@code maxPixels} pixels
     */
    public void requireAtMost(long maxPixels, String name) {
        if (pixels() > maxPixels) {
            throw new InvalidInputException(String.format(Locale.ROOT, "Image '%s' declares %dx%d = %,d pixels, more "
                    + "than the limit of %,d (--max-image-pixels); it was not decoded. Raise the limit if the image is "
                    + "genuine.", name, width, height, pixels(), maxPixels));
        }
    }
}
