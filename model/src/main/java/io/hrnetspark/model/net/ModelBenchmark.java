package io.hrnetspark.model.net;

import com.sun.management.OperatingSystemMXBean;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Inference throughput of a network with random weights: for each batch size, warm-up passes, then
 * timed passes; prints crops/s, GMAC/s, wall and CPU time per batch and (optionally) the time per op
 * type. A measurement that prints figures, never a test; run it with {@code hrnet-spark bench model}.
 */
public final class ModelBenchmark {

    /**
     * @param batchSizes       crops per forward pass, one measurement each
     * @param warmupIterations untimed passes before each measurement
     * @param iterations       timed passes per batch size
     * @param mode             how the network is executed
     * @param precision        the arithmetic it runs in
     * @param profileOps       also time each op type (adds a little overhead)
     */
    public record Options(List<Integer> batchSizes, int warmupIterations, int iterations, ExecutionMode mode,
                          Precision precision, boolean profileOps) {

        public Options {
            batchSizes = List.copyOf(batchSizes);
            if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1) || iterations < 1
                    || warmupIterations < 0) {
                throw new IllegalArgumentException("Batch sizes and iterations must be positive");
            }
        }
    }

    /**
     * One batch size's measurement. {@code cpuSeconds} is the process CPU time of the timed passes:
     * on a machine shared with other work it still tells what the passes cost, where wall time does not.
     */
    public record Result(int batchSize, int iterations, double seconds, double cpuSeconds, double cropsPerSecond,
                         double gigaMultiplyAddsPerSecond) {

        public String line() {
            return String.format(Locale.ROOT,
                    "batch %3d: %7.2f crops/s  %7.1f GMAC/s  %8.1f ms/batch  cpu %8.1f ms/batch  (%d batches in %.1f s)",
                    batchSize, cropsPerSecond, gigaMultiplyAddsPerSecond, 1000 * seconds / iterations,
                    1000 * cpuSeconds / iterations, iterations, seconds);
        }
    }

    private static final long SEED = 42;
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final NetworkDefinition network;
    private final Options options;

    public ModelBenchmark(NetworkDefinition network, Options options) {
        this.network = network;
        this.options = options;
    }

    /**
     * Sets the threads ND4J's own loops and OpenMP (oneDNN) use; call before the first measurement.
     * Without it both follow {@code OMP_NUM_THREADS} (default: all cores).
     */
    public static void useThreads(int threads) {
        Nd4j.getExecutioner(); // loads the backend before its native ops are reached directly
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** Runs every batch size, printing a line per result (and the op profile) to {@code out}. */
    public List<Result> run(Consumer<String> out) {
        NetworkSummary summary = NetworkSummary.of(network);
        out.accept(String.format(Locale.ROOT, "input %s, %.3f GMAC per crop, %s execution, %s, %d threads",
                Arrays.toString(summary.inputShape()), summary.gigaMultiplyAdds(),
                InferenceNetwork.effectiveMode(options.mode(), options.precision()),
                options.precision().name().toLowerCase(Locale.ROOT), Nd4j.getEnvironment().maxThreads()));
        List<Result> results = new ArrayList<>();
        try (InferenceNetwork inference = InferenceNetwork.create(network,
                RandomWeights.of(ParameterLayout.of(network), SEED), "random weights", "benchmark",
                options.mode(), options.precision())) {
            for (int batchSize : options.batchSizes()) {
                INDArray batch = Nd4j.rand(DataType.FLOAT, batchSize, NetworkDefinition.INPUT_CHANNELS,
                        network.inputSize().height(), network.inputSize().width());
                for (int i = 0; i < options.warmupIterations(); i++) {
                    inference.output(batch);
                }
                OpTimes times = options.profileOps() ? new OpTimes() : null;
                long cpuStart = PROCESS.getProcessCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < options.iterations(); i++) {
                    inference.output(batch, times);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuStart) / 1e9;
                double crops = (double) batchSize * options.iterations();
                Result result = new Result(batchSize, options.iterations(), seconds, cpuSeconds, crops / seconds,
                        crops * summary.gigaMultiplyAdds() / seconds);
                results.add(result);
                out.accept(result.line());
                if (times != null) {
                    printProfile(times, seconds, out);
                }
            }
        }
        return results;
    }

    /**
     * One line per op type, most time first: share of the wall time, total time, calls, and where the
     * executor reports them the GMAC/s of convolutions and the GB/s of feature-map traffic (memory-bound
     * ops: the higher, the closer to the memory bandwidth).
     */
    private static void printProfile(OpTimes times, double seconds, Consumer<String> out) {
        for (OpTimes.OpTime op : times.times()) {
            double opSeconds = op.nanos() / 1e9;
            String work = (op.multiplyAdds() > 0
                    ? String.format(Locale.ROOT, "  %7.1f GMAC/s", op.multiplyAdds() / 1e9 / opSeconds) : "")
                    + (op.bytes() > 0 ? String.format(Locale.ROOT, "  %6.1f GB/s", op.bytes() / 1e9 / opSeconds) : "");
            out.accept(String.format(Locale.ROOT, "    %-36s %6.1f%%  %9.1f ms  %6d calls%s",
                    op.opType(), 100 * opSeconds / seconds, op.nanos() / 1e6, op.calls(), work));
        }
    }
}
