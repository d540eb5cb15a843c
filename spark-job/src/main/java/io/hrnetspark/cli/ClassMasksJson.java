package io.hrnetspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hrnetspark.model.seg.ClassMask;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the classes present in a label map as a list of COCO-style masks, one per class in class
 * order: {@code category_id} (the class index: Cityscapes train id, LIP label), {@code segmentation}
 * ({@code size} [h, w] and the compressed RLE {@code counts}), {@code area} and {@code bbox}
 * [x, y, w, h] as {@code pycocotools.mask} computes them; written as an {@link OutputFile}.
 */
final class ClassMasksJson {

    private ClassMasksJson() {
    }

    static void write(Path file, List<ClassMask> masks) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode results = json.createArrayNode();
        for (ClassMask mask : masks) {
            ObjectNode result = results.addObject();
            result.put("category_id", mask.classId());
            ObjectNode segmentation = result.putObject("segmentation");
            segmentation.putArray("size").add(mask.mask().height()).add(mask.mask().width());
            segmentation.put("counts", mask.compressedCounts());
            result.put("area", mask.area());
            ArrayNode bbox = result.putArray("bbox");
            for (double v : mask.bbox()) {
                bbox.add(v);
            }
        }
        OutputFile.write(file, out -> json.writeValue(out, results));
    }
}
