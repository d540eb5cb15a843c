package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.SegmentationTestConfig;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.SegTinyFixture;
import io.hrnetspark.model.predict.StreamBatcher;
import io.hrnetspark.model.predict.StreamBatcher.Completed;
import io.hrnetspark.model.predict.StreamBatcher.Input;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows and scales of several images share forward passes: with the flip test, scales 1 (whole
 * image) and 1.5 (four 96x64 Cityscapes windows), the label maps equal those of batch size 1 and of
 * the single-image {@code segment}.
 */
class SegmentationBatchingTest {

    @Test
    void windowsOfSeveralImagesInOneBatchGiveTheSameLabels() {
        SegmentationConfig tiny = SegTinyFixture.config();
        SegmentationTestConfig test = tiny.test();
        SegmentationConfig config = new SegmentationConfig(tiny.source(), tiny.model(), tiny.dataset(),
                tiny.numClasses(), tiny.ignoreLabel(), new SegmentationTestConfig(new ImageSize(96, 64), 128,
                        test.batchSizePerGpu(), true, true, List.of(1.0, 1.5)));
        try (SemanticSegmenter segmenter = SemanticSegmenter.create(config,
                TorchCheckpoint.load(SegTinyFixture.checkpoint("model_fullmodel_legacy.pth")))) {
            List<LabelMap> reference = run(segmenter, 1, null);
            StreamBatcher<Integer, LabelMap> batcher = new StreamBatcher<>(segmenter, 8);
            List<LabelMap> batched = run(segmenter, 8, batcher);
            // 2 images x (1 whole + 4 windows) x (input + mirror) = 20 samples: 4 of 128x64, 16 of 96x64.
            assertEquals(20, batcher.stats().samples());
            assertEquals(3, batcher.stats().batches(), batcher.stats().toString());
            for (int n = 0; n < SegTinyImages.COUNT; n++) {
                assertEquals(reference.get(n), batched.get(n), "image " + n);
                try (RgbImage image = SegTinyImages.image(n)) {
                    assertEquals(reference.get(n), segmenter.segment(image), "segment() of image " + n);
                }
            }
        }
    }

    private static List<LabelMap> run(SemanticSegmenter segmenter, int batch, StreamBatcher<Integer, LabelMap> batcher) {
        List<Input<Integer, LabelMap>> inputs = new ArrayList<>();
        for (int n = 0; n < SegTinyImages.COUNT; n++) {
            try (RgbImage image = SegTinyImages.image(n)) {
                inputs.add(Input.of(n, segmenter.prepare(image)));
            }
        }
        Iterator<Completed<Integer, LabelMap>> results = batcher == null
                ? StreamBatcher.stream(segmenter, batch, inputs.iterator()) : batcher.stream(inputs.iterator());
        List<LabelMap> labels = new ArrayList<>();
        results.forEachRemaining(result -> labels.add(result.result()));
        return labels;
    }
}
