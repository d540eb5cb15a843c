package io.hrnetspark.model.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The serialized form of {@link ImageAnnotations}: the primitive fields of the image's annotations
 * packed into one byte block (masks, when present, follow as JSON nodes), instead of one
 * reflective object graph per annotation, so that shipping
 * images to Spark executors (always Java serialization) costs little next to matching them.
 * Every field round-trips exactly, absent optional fields included.
 */
final class PackedImageAnnotations implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final int HAS_ID = 1;
    private static final int HAS_AREA = 1 << 1;
    private static final int HAS_BBOX = 1 << 2;
    private static final int HAS_KEYPOINTS = 1 << 3;
    private static final int HAS_NUM_KEYPOINTS = 1 << 4;
    private static final int HAS_SEGMENTATION = 1 << 5;
    private static final int HAS_SCORE = 1 << 6;

    private transient ImageAnnotations value;

    PackedImageAnnotations(ImageAnnotations value) {
        this.value = value;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        CocoImage image = value.image();
        out.writeLong(image.id());
        out.writeInt(image.width());
        out.writeInt(image.height());
        out.writeObject(image.fileName());
        out.writeBoolean(image.crowdIndex() != null);
        if (image.crowdIndex() != null) {
            out.writeDouble(image.crowdIndex());
        }
        writeAnnotations(out, value.gts());
        writeAnnotations(out, value.dts());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        long id = in.readLong();
        int width = in.readInt();
        int height = in.readInt();
        String fileName = (String) in.readObject();
        Double crowdIndex = in.readBoolean() ? in.readDouble() : null;
        CocoImage image = new CocoImage(id, width, height, fileName, crowdIndex);
        value = new ImageAnnotations(image, readAnnotations(in), readAnnotations(in));
    }

    @Serial
    private Object readResolve() {
        return value;
    }

    private static void writeAnnotations(ObjectOutputStream out, List<CocoAnnotation> anns)
            throws IOException {
        ByteBuffer packed = ByteBuffer.allocate(packedSize(anns));
        for (CocoAnnotation ann : anns) {
            int present = (ann.id() != null ? HAS_ID : 0)
                    | (ann.area() != null ? HAS_AREA : 0)
                    | (ann.bbox() != null ? HAS_BBOX : 0)
                    | (ann.keypoints() != null ? HAS_KEYPOINTS : 0)
                    | (ann.numKeypoints() != null ? HAS_NUM_KEYPOINTS : 0)
                    | (ann.segmentation() != null ? HAS_SEGMENTATION : 0)
                    | (ann.score() != null ? HAS_SCORE : 0);
            packed.put((byte) present).putLong(ann.imageId()).putInt(ann.categoryId())
                    .putInt(ann.iscrowd());
            if (ann.id() != null) {
                packed.putLong(ann.id());
            }
            if (ann.area() != null) {
                packed.putDouble(ann.area());
            }
            if (ann.bbox() != null) {
                putDoubles(packed, ann.bbox());
            }
            if (ann.keypoints() != null) {
                putDoubles(packed, ann.keypoints());
            }
            if (ann.numKeypoints() != null) {
                packed.putInt(ann.numKeypoints());
            }
            if (ann.score() != null) {
                packed.putDouble(ann.score());
            }
        }
        out.writeInt(anns.size());
        out.writeInt(packed.capacity());
        out.write(packed.array());
        for (CocoAnnotation ann : anns) {
            if (ann.segmentation() != null) {
                out.writeObject(ann.segmentation());
            }
        }
    }

    private static List<CocoAnnotation> readAnnotations(ObjectInputStream in)
            throws IOException, ClassNotFoundException {
        int count = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        ByteBuffer packed = ByteBuffer.wrap(bytes);
        int[] present = new int[count];
        CocoAnnotation[] anns = new CocoAnnotation[count];
        for (int i = 0; i < count; i++) {
            present[i] = packed.get();
            long imageId = packed.getLong();
            int categoryId = packed.getInt();
            int iscrowd = packed.getInt();
            Long id = (present[i] & HAS_ID) != 0 ? packed.getLong() : null;
            Double area = (present[i] & HAS_AREA) != 0 ? packed.getDouble() : null;
            double[] bbox = (present[i] & HAS_BBOX) != 0 ? getDoubles(packed) : null;
            double[] keypoints = (present[i] & HAS_KEYPOINTS) != 0 ? getDoubles(packed) : null;
            Integer numKeypoints = (present[i] & HAS_NUM_KEYPOINTS) != 0 ? packed.getInt() : null;
            Double score = (present[i] & HAS_SCORE) != 0 ? packed.getDouble() : null;
            anns[i] = new CocoAnnotation(id, imageId, categoryId, iscrowd, area, bbox, keypoints,
                    numKeypoints, null, score);
        }
        for (int i = 0; i < count; i++) {
            if ((present[i] & HAS_SEGMENTATION) != 0) {
                CocoAnnotation a = anns[i];
                anns[i] = new CocoAnnotation(a.id(), a.imageId(), a.categoryId(), a.iscrowd(),
                        a.area(), a.bbox(), a.keypoints(), a.numKeypoints(),
                        (JsonNode) in.readObject(), a.score());
            }
        }
        return List.of(anns);
    }

    /** Bytes of the primitive fields of {@code anns}: flags, ids, numbers and array lengths. */
    private static int packedSize(List<CocoAnnotation> anns) {
        int size = 0;
        for (CocoAnnotation ann : anns) {
            size += Byte.BYTES + Long.BYTES + 2 * Integer.BYTES;
            size += ann.id() != null ? Long.BYTES : 0;
            size += ann.area() != null ? Double.BYTES : 0;
            size += ann.bbox() != null ? Integer.BYTES + ann.bbox().length * Double.BYTES : 0;
            size += ann.keypoints() != null ? Integer.BYTES + ann.keypoints().length * Double.BYTES : 0;
            size += ann.numKeypoints() != null ? Integer.BYTES : 0;
            size += ann.score() != null ? Double.BYTES : 0;
        }
        return size;
    }

    private static void putDoubles(ByteBuffer packed, double[] values) {
        packed.putInt(values.length);
        packed.asDoubleBuffer().put(values);
        packed.position(packed.position() + values.length * Double.BYTES);
    }

    private static double[] getDoubles(ByteBuffer packed) {
        double[] values = new double[packed.getInt()];
        packed.asDoubleBuffer().get(values);
        packed.position(packed.position() + values.length * Double.BYTES);
        return values;
    }
}
