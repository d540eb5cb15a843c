package io.hrnetspark.job.eval;

import io.hrnetspark.job.eval.PartialConfusion.Problem;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.mask.Rle;
import io.hrnetspark.model.seg.ClassMask;
import io.hrnetspark.model.seg.ConfusionMatrix;
import io.hrnetspark.model.seg.LabelMap;
import io.hrnetspark.model.seg.LabelMapPng;
import io.hrnetspark.model.seg.LabelMapping;
import io.hrnetspark.model.seg.MaskPrediction;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Executor side of {@code evaluate --type miou}: the confusion matrix of a partition of mask rows sorted
 * by image. Each image's masks are painted back into its label map ({@link MaskPrediction}; pixels no mask
 * covers count as misses of their ground-truth class), its label PNG is read from the ground-truth root
 * ({@link LabelMapping#groundTruthPath}) and mapped to class indices, and the pair is added to the matrix.
 * One image is in memory at a time.
 */
final class ImageConfusion implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Broadcast<SerializableConfiguration> hadoopConf;
    private final String gtRoot;
    private final LabelMapping mapping;
    private final int numClasses;

    ImageConfusion(Broadcast<SerializableConfiguration> hadoopConf, String gtRoot, LabelMapping mapping,
                   int numClasses) {
        this.hadoopConf = hadoopConf;
        this.gtRoot = gtRoot;
        this.mapping = mapping;
        this.numClasses = numClasses;
    }

    /** The rows of a partition, sorted by image id: its partial confusion. */
    PartialConfusion all(Iterator<Row> rows) {
        HadoopStorage storage = new HadoopStorage(hadoopConf.value().value());
        PartialConfusion total = PartialConfusion.empty(numClasses);
        List<Row> image = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (!image.isEmpty() && image.get(0).getLong(0) != row.getLong(0)) {
                total = total.plus(one(storage, image));
                image.clear();
            }
            image.add(row);
        }
        if (!image.isEmpty()) {
            total = total.plus(one(storage, image));
        }
        return total;
    }

    /** One image: its mask rows (image_id, file_path, width, height, category_id, class_name, segmentation). */
    private PartialConfusion one(HadoopStorage storage, List<Row> rows) {
        Row first = rows.get(0);
        long imageId = first.getLong(0);
        String filePath = first.getString(1);
        String what = "Image " + imageId + " (" + filePath + ")";
        Path gtFile = new Path(gtRoot, mapping.groundTruthPath(filePath));
        PartialConfusion none = PartialConfusion.empty(numClasses);
        try {
            int width = first.getInt(2);
            int height = first.getInt(3);
            List<ClassMask> masks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                if (row.getInt(2) != width || row.getInt(3) != height || !row.getString(1).equals(filePath)) {
                    throw new InvalidInputException(what + " has mask rows of different files or sizes; each image"
                            + " needs one file_path, width and height.");
                }
                Row segmentation = row.getStruct(6);
                List<Integer> size = segmentation.getList(segmentation.fieldIndex("size"));
                if (size.size() != 2 || size.get(0) != height || size.get(1) != width) {
                    throw new InvalidInputException(what + ": the mask of class " + row.getInt(4) + " has size "
                            + size + " but the image is " + width + "x" + height + "; a mask's size is [height,"
                            + " width].");
                }
                masks.add(new ClassMask(row.getInt(4), Rle.fromCompressed(
                        segmentation.getString(segmentation.fieldIndex("counts")), height, width)));
            }
            MaskPrediction prediction = MaskPrediction.paint(width, height, masks, what);
            byte[] png;
            try {
                png = storage.readAll(gtFile);
            } catch (FileNotFoundException e) {
                return new PartialConfusion(none.matrix(), 0, 0, 1,
                        new Problem(imageId, what + " has no ground-truth label file " + gtFile), 0, null);
            }
            LabelMap truth = mapping.toClassIndices(LabelMapPng.decode(png, gtFile.toString()));
            if (truth.width() != width || truth.height() != height) {
                throw new InvalidInputException(what + " is " + width + "x" + height + " pixels but its ground truth "
                        + gtFile + " is " + truth.width() + "x" + truth.height() + "; the label file must be of the"
                        + " same image.");
            }
            ConfusionMatrix matrix = none.matrix();
            matrix.add(truth, prediction.labels(), prediction.covered());
            long unpredicted = 0;
            for (int c = 0; c < numClasses; c++) {
                unpredicted += matrix.unpredicted(c);
            }
            return new PartialConfusion(matrix, 1, unpredicted, 0, null, 0, null);
        } catch (InvalidInputException e) {
            String sentence = e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage();
            return new PartialConfusion(none.matrix(), 0, 0, 0, null, 1, new Problem(imageId, sentence));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + gtFile, e);
        }
    }
}
