package io.hrnetspark.job.output;

import io.hrnetspark.job.inference.ImageOutcome;
import io.hrnetspark.model.seg.ClassMask;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/masks}: one row per image and class present in its label map (segmentation), partitioned by
 * {@code model_id}, keyed by ({@code model_id}, {@code image_id}, {@code category_id}).
 * <pre>
 * image_id      long     image id (COCO id, or the number ending the file name)
 * file_path     string   image path relative to the images root
 * width, height int      image size in pixels (the label map's)
 * category_id   int      the class index (Cityscapes train id, LIP label)
 * class_name    string   the class's name
 * segmentation  struct&lt;size:array&lt;int&gt;,counts:string&gt;  COCO compressed RLE, size [height, width]
 * area          long     pixels of the class
 * bbox          array&lt;double&gt;  [x, y, w, h] of the mask, as pycocotools' toBbox
 * run_id        string   the run that wrote the row
 * model_id      string   partition column
 * </pre>
 */
public final class MasksTable {

    public static final String DIRECTORY = "masks";

    public static final StructType SEGMENTATION = new StructType()
            .add("size", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("counts", DataTypes.StringType, false);

    public static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("category_id", DataTypes.IntegerType, false)
            .add("class_name", DataTypes.StringType, false)
            .add("segmentation", SEGMENTATION, false)
            .add("area", DataTypes.LongType, false)
            .add("bbox", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("run_id", DataTypes.StringType, false)
            .add(OutputLayout.MODEL_ID, DataTypes.StringType, false);

    private MasksTable() {
    }

    /** @param className the name of the mask's class */
    public static Row row(ImageOutcome<?> image, ClassMask mask, String className, String runId, String modelId) {
        Integer[] size = {mask.mask().height(), mask.mask().width()};
        double[] box = mask.bbox();
        Double[] bbox = {box[0], box[1], box[2], box[3]};
        return RowFactory.create(image.task().imageId(), image.task().filePath(), image.width(), image.height(),
                mask.classId(), className, RowFactory.create(size, mask.compressedCounts()), mask.area(), bbox,
                runId, modelId);
    }
}
