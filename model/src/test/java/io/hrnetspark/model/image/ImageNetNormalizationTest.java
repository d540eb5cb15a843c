package io.hrnetspark.model.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.fixture.NpyArray;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class ImageNetNormalizationTest {

    private final ImageNetNormalization rgbNormalization = new ImageNetNormalization(true);

    @Test
    void officialCropsNormaliseToTheOfficialInputIntoOneBatchBuffer() {
        NpyArray crops = NpyArray.fixture("pose-tiny/crops_uint8.npy");
        NpyArray input = NpyArray.fixture("pose-tiny/input.npy");
        int width = PoseTinyBoxes.INPUT_WIDTH;
        int height = PoseTinyBoxes.INPUT_HEIGHT;
        int perImage = ImageNetNormalization.floatsPerImage(width, height);
        int batch = crops.shape()[0];
        FloatBuffer buffer = FloatBuffer.allocate(batch * perImage);
        for (int n = 0; n < batch; n++) {
            byte[] rgb = new byte[perImage];
            for (int i = 0; i < perImage; i++) {
                rgb[i] = (byte) crops.values()[n * perImage + i];
            }
            try (RgbImage crop = RgbImage.fromRgb(rgb, width, height)) {
                rgbNormalization.writeChw(crop, buffer, n * perImage);
            }
        }
        assertEquals(0, buffer.position());
        double maxDiff = 0;
        for (int i = 0; i < batch * perImage; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(buffer.get(i) - input.values()[i]));
        }
        assertEquals(0, maxDiff, 1e-6);
    }

    @Test
    void valuesFollowTheImageNetStatisticsPerChannel() {
        FloatBuffer buffer = FloatBuffer.allocate(3);
        try (RgbImage pixel = RgbImage.fromRgb(new byte[] {0, (byte) 255, (byte) 128}, 1, 1)) {
            rgbNormalization.writeChw(pixel, buffer, 0);
        }
        assertEquals(-0.485f / 0.229f, buffer.get(0), 1e-6);
        assertEquals((1 - 0.456f) / 0.224f, buffer.get(1), 1e-6);
        assertEquals((128 / 255f - 0.406f) / 0.225f, buffer.get(2), 1e-6);
    }

    @Test
    void bgrInputTakesTheStatisticsByPositionAsTheOfficialCodeWithColorRgbFalse() {
        FloatBuffer buffer = FloatBuffer.allocate(3);
        try (RgbImage pixel = RgbImage.fromRgb(new byte[] {0, (byte) 255, (byte) 128}, 1, 1)) {
            new ImageNetNormalization(false).writeChw(pixel, buffer, 0);
        }
        assertEquals((128 / 255f - 0.485f) / 0.229f, buffer.get(0), 1e-6);
        assertEquals((1 - 0.456f) / 0.224f, buffer.get(1), 1e-6);
        assertEquals(-0.406f / 0.225f, buffer.get(2), 1e-6);
    }

    @Test
    void aBufferTooSmallForTheImageAtThatOffsetIsRefused() {
        try (RgbImage pixel = RgbImage.fromRgb(new byte[6], 2, 1)) {
            assertThrows(IndexOutOfBoundsException.class,
                    () -> rgbNormalization.writeChw(pixel, FloatBuffer.allocate(8), 3));
        }
    }
}
