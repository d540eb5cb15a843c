package io.hrnetspark.job.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.EvalProtocol;
import io.hrnetspark.model.eval.EvaluationResult;
import io.hrnetspark.model.eval.ImageAnnotations;
import io.hrnetspark.model.eval.KeypointErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The Spark path (matching on executors, accumulation on the driver) equals the one-machine path. */
class DistributedEvaluationTest {

    private final SparkSession spark = SparkTestSession.get();

    private void assertSparkEqualsSingleMachine(EvalProtocol protocol, String folder, String summary)
            throws IOException {
        CocoDataset gt = CocoDataset.load(Path.of(SparkTestSession.fixture(folder, "gt.json")));
        CocoDataset results = gt.loadRes(Path.of(SparkTestSession.fixture(folder, "results.json")));
        CocoEvaluator evaluator = new CocoEvaluator(protocol, gt);
        EvaluationResult single = evaluator.evaluate(results);
        EvaluationOutcome distributed = DistributedEvaluation.run(evaluator,
                DistributedEvaluation.fromResults(spark, evaluator, results).repartition(3));
        EvaluationResult spread = distributed.result();
        assertArrayEquals(single.accumulation().precision(), spread.accumulation().precision(), 0.0);
        assertArrayEquals(single.accumulation().recall(), spread.accumulation().recall(), 0.0);
        assertArrayEquals(single.summary().stats(), spread.summary().stats(), 0.0);
        assertEquals(single.summary().text(), spread.summary().text());
        assertEquals(Files.readString(Path.of(SparkTestSession.fixture(folder, summary))),
                spread.summary().text());
        assertEquals(evaluator.group(results).size(), distributed.images());
        if (protocol.isKeypoints()) {
            KeypointErrors expected = KeypointErrors.empty(protocol.keypointSpec().numKeypoints());
            for (ImageAnnotations image : evaluator.group(results)) {
                expected = expected.plus(KeypointErrors.measure(protocol, image,
                        evaluator.matcher().evaluateImage(image.image(), image.gts(), image.dts())));
            }
            assertArrayEquals(expected.count(), distributed.keypointErrors().count());
            assertArrayEquals(expected.termSum(), distributed.keypointErrors().termSum(), 1e-9);
        } else {
            assertNull(distributed.keypointErrors());
        }
    }

    @Test
    void cocoKeypointsOnSparkEqualTheOneMachineAndOfficialResults() throws IOException {
        assertSparkEqualsSingleMachine(EvalProtocol.COCO_KEYPOINTS, "coco-keypoints-eval", "summary.txt");
    }

    @Test
    void crowdPoseOnSparkEqualsTheOneMachineAndOfficialResults() throws IOException {
        assertSparkEqualsSingleMachine(EvalProtocol.CROWDPOSE_KEYPOINTS, "crowdpose-eval", "summary.txt");
    }

    @Test
    void segmOnSparkEqualsTheOneMachineAndOfficialResults() throws IOException {
        assertSparkEqualsSingleMachine(EvalProtocol.COCO_SEGM, "coco-segm-eval", "summary_segm.txt");
    }

    @Test
    void bboxOnSparkEqualsTheOneMachineAndOfficialResults() throws IOException {
        assertSparkEqualsSingleMachine(EvalProtocol.COCO_BBOX, "coco-segm-eval", "summary_bbox.txt");
    }
}
