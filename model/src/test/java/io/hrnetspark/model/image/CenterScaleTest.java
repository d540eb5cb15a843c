package io.hrnetspark.model.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import org.junit.jupiter.api.Test;

class CenterScaleTest {

    @Test
    void poseTinyBoxesGiveTheOfficialFloat32CenterAndScale() {
        for (PoseTinyBoxes box : PoseTinyBoxes.load()) {
            CenterScale region = box.region();
            assertEquals(box.center()[0], region.centerX());
            assertEquals(box.center()[1], region.centerY());
            assertEquals(box.scale()[0], region.scaleX());
            assertEquals(box.scale()[1], region.scaleY());
        }
    }

    @Test
    void wideBoxIsHeightenedAndTallBoxWidenedToTheInputAspectRatio() {
        CenterScale wide = CenterScale.fromBox(0, 0, 300, 100, 192, 256);
        assertEquals(150f, wide.centerX());
        assertEquals(50f, wide.centerY());
        assertEquals(300 / 200.0 * 1.25, wide.scaleX(), 1e-6);
        assertEquals(400 / 200.0 * 1.25, wide.scaleY(), 1e-6);

        CenterScale tall = CenterScale.fromBox(10, 20, 30, 400, 192, 256);
        assertEquals(300 / 200.0 * 1.25, tall.scaleX(), 1e-6);
        assertEquals(400 / 200.0 * 1.25, tall.scaleY(), 1e-6);
    }

    @Test
    void areaIsTheProductOfTheScaleInPixels() {
        CenterScale region = CenterScale.fromBox(0, 0, 150, 200, 192, 256);
        assertEquals((1.25f * 150) * (1.25f * 200), region.area());
    }

    @Test
    void centerAtMinusOneKeepsTheOfficialUnpaddedScale() {
        CenterScale region = CenterScale.fromBox(-51, 0, 100, 100, 100, 100);
        assertEquals(-1f, region.centerX());
        assertEquals(0.5f, region.scaleX());
    }

    @Test
    void zeroOrNegativeSizeIsRefusedNamingTheBox() {
        InvalidInputException zero = assertThrows(InvalidInputException.class,
                () -> CenterScale.fromBox(5, 6, 0, 10, 192, 256));
        assertEquals("Person box [x, y, w, h] = [5.0, 6.0, 0.0, 10.0] has zero or negative size: "
                + "give a width and height above 0.", zero.getMessage());
        assertThrows(InvalidInputException.class, () -> CenterScale.fromBox(5, 6, 10, -1, 192, 256));
    }

    @Test
    void nonFiniteBoxIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CenterScale.fromBox(Double.NaN, 6, 10, 10, 192, 256));
        assertEquals("Person box [x, y, w, h] = [NaN, 6.0, 10.0, 10.0] has a non-finite value: "
                + "give four finite numbers.", e.getMessage());
    }
}
