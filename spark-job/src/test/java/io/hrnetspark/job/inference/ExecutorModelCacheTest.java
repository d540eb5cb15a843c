package io.hrnetspark.job.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.hrnetspark.model.net.Precision;
import io.hrnetspark.job.testing.BoxEchoPoseModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorModelCacheTest {

    private final AtomicInteger builds = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();

    private PoseBatchModel<?, ?> build() {
        builds.incrementAndGet();
        return new BoxEchoPoseModel(size -> { }, closes::incrementAndGet);
    }

    @AfterEach
    void closeAll() {
        ExecutorModelCache.closeAll();
    }

    @Test
    void oneNetworkPerKeyAndDeviceSharedByConcurrentTasks() throws Exception {
        ModelKey key = new ModelKey("config", "weights", true, Precision.FP32);
        ExecutorService tasks = Executors.newFixedThreadPool(4);
        List<Future<PoseBatchModel<?, ?>>> acquired = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<PoseBatchModel<?, ?>> task = () -> ExecutorModelCache.acquire(key, Device.CPU, this::build);
            acquired.add(tasks.submit(task));
        }
        PoseBatchModel<?, ?> first = acquired.get(0).get();
        for (Future<PoseBatchModel<?, ?>> model : acquired) {
            assertSame(first, model.get());
        }
        tasks.shutdown();
        assertEquals(1, builds.get());

        assertNotSame(first, ExecutorModelCache.acquire(key, Device.gpu(0), this::build));
        assertNotSame(first, ExecutorModelCache.acquire(new ModelKey("config", "weights", false, Precision.FP32),
                Device.CPU, this::build));
        assertNotSame(first, ExecutorModelCache.acquire(new ModelKey("config", "weights", true, Precision.BF16),
                Device.CPU, this::build));
        assertEquals(4, builds.get());

        ExecutorModelCache.closeAll();
        assertEquals(4, closes.get());
        ExecutorModelCache.acquire(key, Device.CPU, this::build);
        assertEquals(5, builds.get(), "a closed network is built again on next use");
    }
}
