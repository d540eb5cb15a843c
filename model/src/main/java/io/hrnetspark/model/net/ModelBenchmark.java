package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.net.InferenceNetwork.GraphForm;
import java.nio.file.Path;
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
 * timed passes; prints crops/s, GMAC/s and (optionally) the time per op type. A measurement that
 * prints figures, never a test.
 */
public final class ModelBenchmark {

    /**
     * @param batchSizes       crops per forward pass, one measurement each
     * @param warmupIterations untimed passes before each measurement
     * @param iterations       timed passes per batch size
     * @param form             folded BatchNorm (inference) or the unfolded graph
     * @param profileOps       also time each op type (adds a little overhead)
     */
    public record Options(List<Integer> batchSizes, int warmupIterations, int iterations, GraphForm form,
                          boolean profileOps) {

        public Options {
            batchSizes = List.copyOf(batchSizes);
            if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1) || iterations < 1
                    || warmupIterations < 0) {
                throw new IllegalArgumentException("Batch sizes and iterations must be positive");
            }
        }
    }

    /** One batch size's measurement. */
    public record Result(int batchSize, int iterations, double seconds, double cropsPerSecond,
                         double gigaMultiplyAddsPerSecond) {

        public String line() {
            return String.format(Locale.ROOT, "batch %3d: %7.2f crops/s  %7.1f GMAC/s  %8.1f ms/batch  (%d batches in %.1f s)",
                    batchSize, cropsPerSecond, gigaMultiplyAddsPerSecond, 1000 * seconds / iterations,
                    iterations, seconds);
        }
    }

    private static final long SEED = 42;

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
        out.accept(String.format(Locale.ROOT, "input %s, %.3f GMAC per crop, %s graph, %d threads",
                Arrays.toString(summary.inputShape()), summary.gigaMultiplyAdds(), options.form(),
                Nd4j.getEnvironment().maxThreads()));
        List<Result> results = new ArrayList<>();
        try (InferenceNetwork inference = InferenceNetwork.create(network,
                RandomWeights.of(ParameterLayout.of(network), SEED), "random weights", "benchmark",
                options.form())) {
            OpTimingListener timing = new OpTimingListener();
            for (int batchSize : options.batchSizes()) {
                INDArray batch = Nd4j.rand(DataType.FLOAT, batchSize, NetworkDefinition.INPUT_CHANNELS,
                        network.inputSize().height(), network.inputSize().width());
                for (int i = 0; i < options.warmupIterations(); i++) {
                    inference.output(batch);
                }
                if (options.profileOps()) {
                    timing.reset();
                    inference.graph().setListeners(timing);
                }
                long start = System.nanoTime();
                for (int i = 0; i < options.iterations(); i++) {
                    inference.output(batch);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                inference.graph().setListeners();
                double crops = (double) batchSize * options.iterations();
                Result result = new Result(batchSize, options.iterations(), seconds, crops / seconds,
                        crops * summary.gigaMultiplyAdds() / seconds);
                results.add(result);
                out.accept(result.line());
                if (options.profileOps()) {
                    printProfile(timing, seconds, out);
                }
            }
        }
        return results;
    }

    private static void printProfile(OpTimingListener timing, double seconds, Consumer<String> out) {
        for (OpTimingListener.OpTime op : timing.times()) {
            out.accept(String.format(Locale.ROOT, "    %-14s %6.1f%%  %9.1f ms  %6d calls",
                    op.opType(), 100 * op.nanos() / 1e9 / seconds, op.nanos() / 1e6, op.calls()));
        }
    }

    /**
     * {@code ModelBenchmark CONFIG.yaml [BATCH_SIZES=1,8,32] [ITERATIONS=5] [WARMUP=2] [--unfolded] [--profile]
     * [--threads=N]}.
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ModelBenchmark CONFIG.yaml [1,8,32] [iterations] [warmup] "
                    + "[--unfolded] [--profile] [--threads=N]");
            System.exit(2);
        }
        List<String> positional = new ArrayList<>();
        GraphForm form = GraphForm.FOLDED;
        boolean profile = false;
        for (String arg : args) {
            if (arg.equals("--unfolded")) {
                form = GraphForm.UNFOLDED;
            } else if (arg.equals("--profile")) {
                profile = true;
            } else if (arg.startsWith("--threads=")) {
                useThreads(Integer.parseInt(arg.substring("--threads=".length())));
            } else {
                positional.add(arg);
            }
        }
        ExperimentConfig config = ExperimentConfigReader.read(Path.of(positional.get(0)));
        List<Integer> batchSizes = positional.size() > 1
                ? Arrays.stream(positional.get(1).split(",")).map(Integer::parseInt).toList() : List.of(1, 8, 32);
        int iterations = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 5;
        int warmup = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 2;
        new ModelBenchmark(Networks.of(config), new Options(batchSizes, warmup, iterations, form, profile))
                .run(System.out::println);
    }
}
