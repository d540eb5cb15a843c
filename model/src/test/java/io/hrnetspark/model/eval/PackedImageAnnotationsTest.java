package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedImageAnnotationsTest {

    @Test
    void everyFieldSurvivesSerializationExactlyAbsentOnesIncluded() throws Exception {
        CocoImage image = new CocoImage(7, 640, 480, "a.jpg", 0.35);
        CocoAnnotation full = new CocoAnnotation(11L, 7, 1, 2, 1234.5678901234567,
                new double[] {1.1, 2.2, 3.3, 4.4}, new double[] {10.000000000000002, 20, 2},
                1, new ObjectMapper().readTree("[[1.5, 2, 3, 4, 5, 6]]"), null);
        CocoAnnotation sparse = new CocoAnnotation(null, 7, 3, 0, null, null,
                new double[] {Double.MIN_VALUE, -0.0, Double.NaN}, null, null, 0.9876543210123456);
        ImageAnnotations original = new ImageAnnotations(image, List.of(full), List.of(sparse, full));

        ImageAnnotations back = roundTrip(original);

        assertEquals(image, back.image());
        assertEquals(new CocoImage(8, 0, 0, null, null),
                roundTrip(new ImageAnnotations(new CocoImage(8, 0, 0, null, null), List.of(), List.of())).image());
        assertSame(full, back.gts().get(0));
        assertSame(sparse, back.dts().get(0));
        assertSame(full, back.dts().get(1));
        assertNull(back.dts().get(0).id());
        assertNull(back.dts().get(0).segmentation());
    }

    private static void assertSame(CocoAnnotation expected, CocoAnnotation actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.imageId(), actual.imageId());
        assertEquals(expected.categoryId(), actual.categoryId());
        assertEquals(expected.iscrowd(), actual.iscrowd());
        assertEquals(expected.area(), actual.area());
        assertArrayEquals(expected.bbox(), actual.bbox());
        assertArrayEquals(expected.keypoints(), actual.keypoints());
        assertEquals(expected.numKeypoints(), actual.numKeypoints());
        assertEquals(expected.segmentation(), actual.segmentation());
        assertEquals(expected.score(), actual.score());
    }

    private static ImageAnnotations roundTrip(ImageAnnotations value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ImageAnnotations) in.readObject();
        }
    }
}
