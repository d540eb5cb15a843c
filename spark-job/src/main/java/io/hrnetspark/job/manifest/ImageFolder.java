package io.hrnetspark.job.manifest;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * The images under a folder used without an annotation file. An image's id is the number its file name
 * ends with, as in COCO ({@code 000000397133.jpg} is 397133, {@code COCO_val2014_000000000042.jpg}
 * is 42), which is how detection results name images.
 */
public record ImageFolder(Map<Long, String> imagesById, int imageFiles) {

    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "ppm", "pgm");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    /**
     * Lists the image files under the root: file path (relative to the root) by image id for every
     * image whose name ends with a number, and the count of all image files.
     */
    public static ImageFolder list(HadoopStorage storage, Path root) {
        List<String> files;
        try {
            files = storage.listRelative(root, ImageFolder::isImageName);
        } catch (FileNotFoundException e) {
            throw new InvalidInputException("Images folder " + root + " does not exist; check --images.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        Map<Long, String> byId = new LinkedHashMap<>();
        for (String file : files) {
            Long id = imageId(file);
            if (id == null) {
                continue;
            }
            String previous = byId.put(id, file);
            if (previous != null) {
                throw new InvalidInputException("Images " + previous + " and " + file + " under " + root
                        + " both have image id " + id + "; give every image a distinct number in its file name.");
            }
        }
        return new ImageFolder(byId, files.size());
    }

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The number the file name (without directory and extension) ends with, or null. */
    static Long imageId(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        Matcher m = TRAILING_NUMBER.matcher(stem);
        if (!m.find()) {
            return null;
        }
        String digits = m.group(1);
        return digits.length() > 18 ? null : Long.parseLong(digits);
    }
}
