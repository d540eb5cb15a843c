package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.DatasetConfig;
import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.SegmentationTestConfig;
import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.image.ImageNetNormalization;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.net.ParameterLayout;
import io.hrnetspark.model.net.RandomWeights;
import io.hrnetspark.model.net.SegTinyFixture;
import io.hrnetspark.model.net.SegmentationNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The dataset-specific parts of the official test path and the segmenter's refusals. */
class SemanticSegmenterTest {

    /**
     * LIP: the 8-bit image is first resized to TEST.IMAGE_SIZE, inferred there (here one window, with
     * the flip test swapping left and right), and the probabilities are resized back to the image.
     */
    @Test
    void lipResizesTheImageToTheTestSizeAndTheResultBack() {
        SegmentationConfig lip = config("lip", 20, new ImageSize(96, 48), 96, true);
        try (SemanticSegmenter segmenter = SemanticSegmenter.create(lip, null);
             RgbImage image = SegTinyImages.image(0);
             InferenceNetwork network = randomNetwork(lip);
             RgbImage resized = image.resized(96, 48)) {
            assertEquals(SegmentationClasses.LIP, segmenter.classes());
            LabelMap labels = segmenter.segment(image);
            WindowInference inference = new WindowInference(false, true, SegmentationClasses.LIP.flipIndex());
            INDArray probabilities = WindowRun.probabilities(network, inference,
                    PlanarImage.normalized(resized, new ImageNetNormalization(true)));
            LabelMap expected = ClassScores.argmax(ClassScores.resized(probabilities, 64, 128, false));
            assertEquals(expected, labels);
        }
    }

    @Test
    void datasetsWithoutAnOfficialTestPathHereAreRefused() {
        SegmentationConfig ade = config("ade20k", 150, new ImageSize(520, 520), 520, false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SemanticSegmenter.create(ade, null));
        assertEquals("Config " + ade.source() + " has DATASET.DATASET 'ade20k', whose official test path is not "
                + "implemented here: use cityscapes or lip.", e.getMessage());
    }

    @Test
    void classCountMustMatchTheDataset() {
        SegmentationConfig wrong = config("cityscapes", 20, new ImageSize(2048, 1024), 2048, false);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SemanticSegmenter.create(wrong, null));
        assertEquals("Config " + wrong.source() + " has DATASET.NUM_CLASSES 20 but dataset cityscapes has 19 "
                + "classes: make them agree.", e.getMessage());
    }

    private static SegmentationConfig config(String dataset, int classes, ImageSize testSize, int baseSize,
                                             boolean flip) {
        SegmentationConfig tiny = SegTinyFixture.config();
        return new SegmentationConfig(tiny.source(), tiny.model(), new DatasetConfig(dataset, true), classes, 255,
                new SegmentationTestConfig(testSize, baseSize, 1, flip, false, List.of(1.0)));
    }

    /** The network with the random weights {@link SemanticSegmenter#create} uses without a checkpoint. */
    private static InferenceNetwork randomNetwork(SegmentationConfig config) {
        SegmentationNetwork definition = new SegmentationNetwork(config);
        return InferenceNetwork.create(definition, RandomWeights.of(ParameterLayout.of(definition), 1),
                "random weights", "config", InferenceNetwork.ExecutionMode.DIRECT);
    }
}
