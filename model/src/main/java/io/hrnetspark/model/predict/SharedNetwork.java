package io.hrnetspark.model.predict;

import io.hrnetspark.model.net.ExecutorMemory;
import io.hrnetspark.model.net.InferenceNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one network of a predictor, shared by the threads that call {@link #forward}: batches run one
 * at a time under a fair lock, which is held only around the network itself (the
 * {@link InferenceNetwork} is thread-confined); the input is stacked and the outputs are split per
 * sample on the caller's thread, outside the lock.
 */
public final class SharedNetwork implements AutoCloseable {

    private final Function<INDArray, List<INDArray>> network;
    private final Supplier<ExecutorMemory> memorySource;
    private final Runnable closeNetwork;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong waitingNanos = new AtomicLong();
    private final AtomicLong runningNanos = new AtomicLong();
    private volatile ExecutorMemory memory = ExecutorMemory.UNPLANNED;
    private boolean closed;

    public SharedNetwork(InferenceNetwork network) {
        this(network::output, network::memory, network::close);
    }

    /** A network given by its forward function ({@code InferenceNetwork.output}'s contract), memory and close. */
    SharedNetwork(Function<INDArray, List<INDArray>> network, Supplier<ExecutorMemory> memorySource,
                  Runnable closeNetwork) {
        this.network = network;
        this.memorySource = memorySource;
        this.closeNetwork = closeNetwork;
    }

    /** See {@link BatchPredictor#forward}. */
    public List<SampleOutput> forward(List<NetworkSample> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("A forward pass needs at least one sample");
        }
        NetworkSample first = batch.get(0);
        int perSample = first.chw().length;
        float[] stacked = new float[Math.multiplyExact(batch.size(), perSample)];
        for (int i = 0; i < batch.size(); i++) {
            NetworkSample sample = batch.get(i);
            if (!sample.shape().equals(first.shape())) {
                throw new IllegalArgumentException("Sample " + i + " is " + sample.shape() + " but sample 0 is "
                        + first.shape() + ": a batch takes samples of one shape");
            }
            System.arraycopy(sample.chw(), 0, stacked, i * perSample, perSample);
        }
        List<INDArray> outputs;
        try (INDArray input = Nd4j.create(stacked, new long[] {batch.size(), 3, first.height(), first.width()}, 'c')) {
            long asked = System.nanoTime();
            lock.lock();
            try {
                long started = System.nanoTime();
                waitingNanos.addAndGet(started - asked);
                if (closed) {
                    throw new IllegalStateException("The network was closed");
                }
                outputs = network.apply(input);
                runningNanos.addAndGet(System.nanoTime() - started);
                memory = memorySource.get();
            } finally {
                lock.unlock();
            }
        }
        batches.incrementAndGet();
        samples.addAndGet(batch.size());
        return split(outputs, batch.size());
    }

    public NetworkStats stats() {
        return new NetworkStats(batches.get(), samples.get(), waitingNanos.get(), runningNanos.get(), memory);
    }

    /** Frees the network once the running batch, if any, is done. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                closeNetwork.run();
            }
        } finally {
            lock.unlock();
        }
    }

    private static List<SampleOutput> split(List<INDArray> outputs, int count) {
        List<List<INDArray>> perSample = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            perSample.add(new ArrayList<>(outputs.size()));
        }
        for (INDArray output : outputs) {
            for (int i = 0; i < count; i++) {
                perSample.get(i).add(count == 1 ? output
                        : output.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                                NDArrayIndex.all()).dup('c'));
            }
            if (count > 1) {
                output.close();
            }
        }
        List<SampleOutput> result = new ArrayList<>(count);
        for (List<INDArray> maps : perSample) {
            result.add(new SampleOutput(maps));
        }
        return result;
    }
}
