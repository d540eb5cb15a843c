package io.hrnetspark.model.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.fixture.NpyArray;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AffineCropTest {

    private final AffineCrop crop = new AffineCrop(PoseTinyBoxes.INPUT_WIDTH, PoseTinyBoxes.INPUT_HEIGHT);

    @Test
    void cropsOfPoseTinyAreBitExactWithTheOfficialOnes() {
        NpyArray expected = NpyArray.fixture("pose-tiny/crops_uint8.npy");
        int size = PoseTinyBoxes.INPUT_WIDTH * PoseTinyBoxes.INPUT_HEIGHT * 3;
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        try (RgbImage image = RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png")) {
            for (int n = 0; n < boxes.size(); n++) {
                try (RgbImage cropped = crop.crop(image, boxes.get(n).region())) {
                    assertEquals(PoseTinyBoxes.INPUT_WIDTH, cropped.width());
                    assertEquals(PoseTinyBoxes.INPUT_HEIGHT, cropped.height());
                    byte[] pixels = cropped.pixels();
                    byte[] official = new byte[size];
                    for (int i = 0; i < size; i++) {
                        official[i] = (byte) expected.values()[n * size + i];
                    }
                    assertArrayEquals(official, pixels, "crop " + n);
                }
            }
        }
    }

    @Test
    void partOfTheRegionOutsideTheImageIsBlack() {
        // box 2 of pose-tiny reaches past the left and bottom edges
        try (RgbImage image = RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png");
             RgbImage cropped = crop.crop(image, PoseTinyBoxes.load().get(2).region())) {
            byte[] pixels = cropped.pixels();
            int width = cropped.width();
            for (int y = 0; y < cropped.height(); y++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(0, pixels[(y * width) * 3 + c], "left column, row " + y);
                }
            }
            int lastRow = (cropped.height() - 1) * width * 3;
            for (int i = 0; i < width * 3; i++) {
                assertEquals(0, pixels[lastRow + i], "bottom row");
            }
        }
    }

    @Test
    void regionEntirelyOutsideTheImageGivesAnAllBlackCrop() {
        byte[] white = new byte[20 * 10 * 3];
        Arrays.fill(white, (byte) 255);
        try (RgbImage image = RgbImage.fromRgb(white, 20, 10);
             RgbImage cropped = crop.crop(image, CenterScale.fromBox(500, 500, 30, 40, 96, 128))) {
            assertArrayEquals(new byte[96 * 128 * 3], cropped.pixels());
        }
    }
}
