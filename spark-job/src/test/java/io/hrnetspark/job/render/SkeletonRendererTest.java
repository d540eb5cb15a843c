package io.hrnetspark.job.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.geom.Rectangle2D;
import org.junit.jupiter.api.Test;

class SkeletonRendererTest {

    @Test
    void aLabelSitsInTheBoxCornerAndStaysInsideTheImage() {
        assertEquals(new Rectangle2D.Double(10, 20, 40, 14),
                SkeletonRenderer.labelPlate(new double[] {10, 20, 100, 200}, 40, 14, 640, 480));
        // box reaching past the right and bottom edges: the plate moves left and up into the image
        assertEquals(new Rectangle2D.Double(600, 466, 40, 14),
                SkeletonRenderer.labelPlate(new double[] {620, 475, 100, 200}, 40, 14, 640, 480));
        // box starting left of and above the image
        assertEquals(new Rectangle2D.Double(0, 0, 40, 14),
                SkeletonRenderer.labelPlate(new double[] {-30, -5, 100, 200}, 40, 14, 640, 480));
    }
}
