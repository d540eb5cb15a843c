package io.hrnetspark.job.manifest;

import io.hrnetspark.model.InvalidInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of a COCO annotation file and its usable person boxes, chosen as the official top-down
 * test path does with ground-truth boxes ({@code COCODataset._load_coco_keypoint_annotation_kernal}):
 * non-crowd annotations of category 1 with a positive area, the box clipped to the image, and at
 * least one labelled keypoint. Annotations without a {@code keypoints} or {@code area} field (a
 * detection-style file) are not filtered on them. A file without annotations (COCO image info, e.g.
 * {@code image_info_test-dev2017.json}) lists images for a detections file.
 *
 * @param images          file path by image id, in file order
 * @param boxes           person boxes by image id (images without boxes are absent)
 * @param boxesSkipped    annotations not used as boxes
 */
public record CocoGroundTruth(Map<Long, String> images, Map<Long, List<TaskBox>> boxes, long boxesSkipped) {

    private static final int PERSON = 1;

    record ImageEntry(Long id, String fileName, Integer width, Integer height) {
    }

    record AnnotationEntry(Long id, Long imageId, Integer categoryId, double[] bbox, Double area, Integer iscrowd,
                           double[] keypoints) {
    }

    record FileContent(List<ImageEntry> images, List<AnnotationEntry> annotations) {
    }

    public static CocoGroundTruth read(InputStream in, String name) {
        FileContent content = ManifestJson.read(in, "Annotation file", name, FileContent.class);
        if (content.images() == null) {
            throw new InvalidInputException("Annotation file " + name
                    + " has no \"images\" list; pass a COCO annotation file (e.g. person_keypoints_val2017.json).");
        }
        Map<Long, ImageEntry> byId = new LinkedHashMap<>();
        Map<Long, String> paths = new LinkedHashMap<>();
        for (int i = 0; i < content.images().size(); i++) {
            ImageEntry image = content.images().get(i);
            if (image == null || image.id() == null || image.fileName() == null || image.width() == null
                    || image.height() == null) {
                throw new InvalidInputException("Image entry " + i + " of annotation file " + name
                        + " lacks one of id, file_name, width, height; every COCO image entry needs all four.");
            }
            if (byId.put(image.id(), image) != null) {
                throw new InvalidInputException("Annotation file " + name + " lists image id " + image.id()
                        + " twice; image ids must be unique.");
            }
            paths.put(image.id(), image.fileName());
        }
        Map<Long, List<TaskBox>> boxes = new HashMap<>();
        long skipped = 0;
        List<AnnotationEntry> annotations = content.annotations() == null ? List.of() : content.annotations();
        for (AnnotationEntry annotation : annotations) {
            ImageEntry image = annotation == null ? null : byId.get(annotation.imageId());
            if (image == null) {
                throw new InvalidInputException("An annotation in " + name + " (id "
                        + (annotation == null ? "?" : annotation.id()) + ") refers to image id "
                        + (annotation == null ? "?" : annotation.imageId())
                        + ", which the file's \"images\" list does not contain.");
            }
            double[] clean = usableBox(annotation, image, name);
            if (clean == null) {
                skipped++;
                continue;
            }
            List<TaskBox> imageBoxes = boxes.computeIfAbsent(image.id(), id -> new ArrayList<>());
            imageBoxes.add(new TaskBox(imageBoxes.size(), clean[0], clean[1], clean[2], clean[3], 1.0));
        }
        return new CocoGroundTruth(paths, boxes, skipped);
    }

    /** The clipped box of a usable person annotation, or null when the official test skips it. */
    private static double[] usableBox(AnnotationEntry annotation, ImageEntry image, String name) {
        double[] bbox = annotation.bbox();
        if (bbox == null || bbox.length != 4) {
            throw new InvalidInputException("Annotation " + annotation.id() + " in " + name
                    + " has no 4-number bbox; a COCO bbox is [x, y, width, height].");
        }
        boolean crowd = annotation.iscrowd() != null && annotation.iscrowd() != 0;
        if (crowd || annotation.categoryId() == null || annotation.categoryId() != PERSON) {
            return null;
        }
        double x1 = Math.max(0, bbox[0]);
        double y1 = Math.max(0, bbox[1]);
        double x2 = Math.min(image.width() - 1, x1 + Math.max(0, bbox[2] - 1));
        double y2 = Math.min(image.height() - 1, y1 + Math.max(0, bbox[3] - 1));
        boolean positiveArea = annotation.area() == null || annotation.area() > 0;
        if (!positiveArea || x2 < x1 || y2 < y1) {
            return null;
        }
        if (annotation.keypoints() != null && maximum(annotation.keypoints()) == 0) {
            return null;
        }
        return new double[] {x1, y1, x2 - x1, y2 - y1};
    }

    private static double maximum(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return values.length == 0 ? 0 : max;
    }
}
