package io.hrnetspark.job.manifest;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoJson;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The images of a COCO annotation file and its usable person boxes, chosen as the official top-down
 * test path does with ground-truth boxes ({@code COCODataset._load_coco_keypoint_annotation_kernal}):
 * non-crowd annotations of category 1 with a positive area, the box clipped to the image, and at
 * least one labelled keypoint. Annotations without a {@code keypoints} or {@code area} field (a
 * detection-style file) are not filtered on them. A file without annotations (COCO image info, e.g.
 * {@code image_info_test-dev2017.json}) lists images for a detections file.
 *
 * <p>The file is read as a stream into staged rows; the choice of boxes runs on the executors.
 */
final class CocoGroundTruth {

    private static final int PERSON = 1;

    /** The annotations as read: {@code keypoints_max} is the largest keypoint value, null without keypoints. */
    static final StructType ANNOTATIONS = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("seq", DataTypes.LongType, false)
            .add("id", DataTypes.LongType, true)
            .add("category_id", DataTypes.IntegerType, true)
            .add("iscrowd", DataTypes.IntegerType, true)
            .add("area", DataTypes.DoubleType, true)
            .add("bbox", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("keypoints_max", DataTypes.DoubleType, true);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImageEntry(Long id, String fileName, Integer width, Integer height) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AnnotationEntry(Long id, Long imageId, Integer categoryId, double[] bbox, Double area, Integer iscrowd,
                           double[] keypoints) {
    }

    private CocoGroundTruth() {
    }

    /** Streams the file's images and annotations into staged rows (images: {@link ManifestImages#SCHEMA}). */
    static void stage(InputStream in, String name, StagedRows images, StagedRows annotations) {
        long[] index = {0, 0};
        Set<String> fields = CocoJson.streamObject(in, Map.of(
                "images", new CocoJson.Elements<>(ImageEntry.class, image -> {
                    long i = index[0]++;
                    if (image == null || image.id() == null || image.fileName() == null || image.width() == null
                            || image.height() == null) {
                        throw new InvalidInputException("Image entry " + i + " of annotation file " + name
                                + " lacks one of id, file_name, width, height; every COCO image entry needs all four.");
                    }
                    images.add(RowFactory.create(image.id(), image.fileName(), image.width(), image.height()));
                }),
                "annotations", new CocoJson.Elements<>(AnnotationEntry.class, annotation -> {
                    long seq = index[1]++;
                    if (annotation == null || annotation.imageId() == null) {
                        throw new InvalidInputException("Annotation " + seq + " in " + name
                                + " has no image_id; every COCO annotation names its image.");
                    }
                    if (annotation.bbox() == null || annotation.bbox().length != 4) {
                        throw new InvalidInputException("Annotation " + annotation.id() + " in " + name
                                + " has no 4-number bbox; a COCO bbox is [x, y, width, height].");
                    }
                    annotations.add(RowFactory.create(annotation.imageId(), seq, annotation.id(),
                            annotation.categoryId(), annotation.iscrowd(), annotation.area(), annotation.bbox(),
                            annotation.keypoints() == null ? null : maximum(annotation.keypoints())));
                })), "Annotation file " + name, "COCO annotation file");
        if (!fields.contains("images")) {
            throw new InvalidInputException("Annotation file " + name
                    + " has no \"images\" list; pass a COCO annotation file (e.g. person_keypoints_val2017.json).");
        }
    }

    /**
     * The usable person boxes ({@link ManifestImages#BOXES}) of staged annotations; an annotation of an
     * image the file does not list is an error.
     */
    static Dataset<Row> usableBoxes(Dataset<Row> annotations, Dataset<Row> images, String name,
                                    BoxSource.GroundTruth source) {
        boolean everyPerson = source.everyPerson();
        List<Row> orphan = annotations.join(images, annotations.col("image_id").equalTo(images.col("image_id")),
                "left_anti").select("id", "image_id").limit(1).collectAsList();
        if (!orphan.isEmpty()) {
            throw new InvalidInputException("An annotation in " + name + " (id " + orphan.get(0).get(0)
                    + ") refers to image id " + orphan.get(0).get(1)
                    + ", which the file's \"images\" list does not contain.");
        }
        Dataset<Row> joined = annotations.join(images.select(col("image_id"), col("width"), col("height")),
                "image_id");
        return joined.flatMap((FlatMapFunction<Row, Row>) row -> {
            double[] box = usableBox(row, everyPerson);
            return box == null ? List.<Row>of().iterator()
                    : List.of(RowFactory.create(row.getLong(row.fieldIndex("image_id")),
                            row.getLong(row.fieldIndex("seq")), box[0], box[1], box[2], box[3], 1.0)).iterator();
        }, Encoders.row(ManifestImages.BOXES));
    }

    /**
     * The clipped box of a usable person annotation (a joined row), or null when the official test skips it;
     * {@code everyPerson} keeps people without a labelled keypoint.
     */
    static double[] usableBox(Row annotation, boolean everyPerson) {
        List<Double> bbox = annotation.getList(annotation.fieldIndex("bbox"));
        Integer crowd = nullableInt(annotation, "iscrowd");
        Integer category = nullableInt(annotation, "category_id");
        if ((crowd != null && crowd != 0) || category == null || category != PERSON) {
            return null;
        }
        int width = annotation.getInt(annotation.fieldIndex("width"));
        int height = annotation.getInt(annotation.fieldIndex("height"));
        double x1 = Math.max(0, bbox.get(0));
        double y1 = Math.max(0, bbox.get(1));
        double x2 = Math.min(width - 1, x1 + Math.max(0, bbox.get(2) - 1));
        double y2 = Math.min(height - 1, y1 + Math.max(0, bbox.get(3) - 1));
        int areaField = annotation.fieldIndex("area");
        boolean positiveArea = annotation.isNullAt(areaField) || annotation.getDouble(areaField) > 0;
        if (!positiveArea || x2 < x1 || y2 < y1) {
            return null;
        }
        int keypoints = annotation.fieldIndex("keypoints_max");
        if (!everyPerson && !annotation.isNullAt(keypoints) && annotation.getDouble(keypoints) == 0) {
            return null;
        }
        return new double[] {x1, y1, x2 - x1, y2 - y1};
    }

    private static Integer nullableInt(Row row, String field) {
        int i = row.fieldIndex(field);
        return row.isNullAt(i) ? null : row.getInt(i);
    }

    private static double maximum(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return values.length == 0 ? 0 : max;
    }
}
