package io.hrnetspark.model.pose.bottomup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.fixture.NpyArray;
import io.hrnetspark.model.image.AffineCrop;
import io.hrnetspark.model.image.ImageNetNormalization;
import io.hrnetspark.model.image.RgbImage;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Input sizes, the resize warp and the mapping back to the image equal the official test code's. */
class ScaledInputTest {

    /** Expected values printed by the official {@code get_multi_scale_size}. */
    @ParameterizedTest
    @CsvSource({
        "640, 480, 128, 1, 1, 192, 128, 320, 240, 3.6, 2.4",
        "512, 512, 128, 1, 1, 128, 128, 256, 256, 2.56, 2.56",
        "427, 640, 512, 1, 1, 512, 768, 214, 320, 2.135, 3.2025",
        "427, 640, 512, 2, 0.5, 1024, 1536, 214, 320, 2.135, 3.2025",
        "427, 640, 512, 0.5, 0.5, 256, 384, 214, 320, 2.135, 3.2025",
        "641, 333, 640, 1, 1, 1280, 640, 321, 167, 3.33, 1.665",
        "1001, 999, 512, 1.5, 0.75, 768, 768, 501, 500, 4.995, 4.995"})
    void sizeCenterAndScaleEqualGetMultiScaleSize(int w, int h, int inputSize, double scale, double minScale,
                                                  int width, int height, double cx, double cy, double sx,
                                                  double sy) {
        assertEquals(new ScaledInput(width, height, cx, cy, sx, sy),
                ScaledInput.of(w, h, inputSize, scale, minScale));
    }

    @Test
    void resizedAndNormalisedInputEqualsTheOfficialOne() {
        ScaledInput input = ScaledInput.of(512, 512, 128, 1, 1);
        NpyArray expectedBytes = NpyArray.fixture("higher-tiny/input_uint8.npy");
        INDArray expectedInput = GroupingFixture.array("higher-tiny", "input.npy");
        try (RgbImage image = RgbImage.decode(Fixtures.bytes("higher-tiny/image.png"), "image.png");
             RgbImage resized = new AffineCrop(input.width(), input.height()).warp(image, input.imageToInput())) {
            byte[] pixels = resized.pixels();
            assertEquals(expectedBytes.values().length, pixels.length);
            for (int i = 0; i < pixels.length; i++) {
                assertEquals((int) expectedBytes.values()[i], pixels[i] & 0xFF, "byte " + i);
            }
            float[] chw = new float[ImageNetNormalization.floatsPerImage(128, 128)];
            new ImageNetNormalization(true).writeChw(resized, FloatBuffer.wrap(chw), 0);
            assertArrayEquals(expectedInput.ravel().toFloatVector(), chw, 1e-6f);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "crafted_grouped.npy, crafted_final.npy, 640, 480, 192, 128",
        "e2e_grouped.npy, e2e_final.npy, 512, 512, 128, 128"})
    void mappedPeopleEqualGetFinalPreds(String grouped, String expectedFile, int w, int h, int mapW, int mapH) {
        INDArray groupedArray = GroupingFixture.grouping(grouped);
        GroupedPeople people = GroupingFixture.people(groupedArray, new float[(int) groupedArray.size(0)]);
        ScaledInput input = ScaledInput.of(w, h, 128, 1, 1);
        assertEquals(mapW, input.width());
        assertEquals(mapH, input.height());
        GroupedPeople mapped = people.mapped(input.mapToImage(mapW, mapH));
        INDArray expected = GroupingFixture.grouping(expectedFile);
        assertEquals(expected.size(0), mapped.size());
        for (int p = 0; p < mapped.size(); p++) {
            for (int j = 0; j < 17; j++) {
                float[] want = expected.get(NDArrayIndex.point(p), NDArrayIndex.point(j)).toFloatVector();
                float[] got = mapped.people().get(p)[j];
                assertTrue(Math.abs(want[0] - got[0]) <= 1e-3 && Math.abs(want[1] - got[1]) <= 1e-3,
                        "person " + p + " joint " + j);
                for (int c = 2; c < want.length; c++) {
                    assertEquals(want[c], got[c]);
                }
            }
        }
    }
}
