package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A thread-confined network detects a second thread entering while a call runs. */
class InferenceNetworkConfinementTest {

    @Test
    void aSecondThreadDuringACallIsRefused() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Executor blocking = new Executor() {
            @Override
            public List<INDArray> output(INDArray batch, OpTimes times) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return List.of(batch.dup());
            }

            @Override
            public void close() {
            }
        };
        InferenceNetwork network = new InferenceNetwork(new TopDownPoseNetwork(PoseTinyFixture.config()), Precision.FP32,
                blocking);
        INDArray input = Nd4j.zeros(DataType.FLOAT, 1, 3, 32, 32);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<List<INDArray>> first = thread.submit(() -> network.output(input));
        inside.await();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> network.output(input));
        assertTrue(e.getMessage().contains("thread-confined"), e.getMessage());
        release.countDown();
        assertEquals(1, first.get().size());
        assertEquals(1, network.output(input).size(), "free again once the call is done");
        thread.shutdown();
    }
}
