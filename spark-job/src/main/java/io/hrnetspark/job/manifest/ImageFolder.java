package io.hrnetspark.job.manifest;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The images under a folder used without an annotation file. An image's id is the number its file name
 * ends with, as in COCO ({@code 000000397133.jpg} is 397133, {@code COCO_val2014_000000000042.jpg}
 * is 42), which is how detection results name images. The listing streams into staged rows.
 */
final class ImageFolder {

    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "ppm", "pgm");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    private ImageFolder() {
    }

    /**
     * Stages every image file under the root whose name ends with a number ({@link ManifestImages#SCHEMA}).
     *
     * @return the count of all image files, with or without a number
     */
    static long stage(HadoopStorage storage, Path root, StagedRows images) {
        long[] files = {0};
        try {
            storage.forEachRelative(root, ImageFolder::isImageName, file -> {
                files[0]++;
                Long id = imageId(file);
                if (id != null) {
                    images.add(RowFactory.create(id, file, null, null));
                }
            });
        } catch (FileNotFoundException e) {
            throw new InvalidInputException("Images folder " + root + " does not exist; check --images.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        return files[0];
    }

    /** Two files with one id are an error naming both. */
    static void requireDistinctIds(Dataset<Row> images, Path root) {
        List<Row> clash = images.groupBy("image_id").agg(count("*").as("files"), min("file_path"), max("file_path"))
                .where("files > 1").limit(1).collectAsList();
        if (!clash.isEmpty()) {
            throw new InvalidInputException("Images " + clash.get(0).getString(2) + " and " + clash.get(0).getString(3)
                    + " under " + root + " both have image id " + clash.get(0).getLong(0)
                    + "; give every image a distinct number in its file name.");
        }
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
