package io.hrnetspark.model.net;

import io.hrnetspark.model.weights.StateDict;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network with its weights, ready for inference: load once, call {@link #output} many times,
 * {@link #close()} when done. Thread-confined: one call at a time, which a second thread entering
 * during a call finds out ({@code IllegalStateException}); to share a network between threads use a
 * {@code io.hrnetspark.model.predict.SharedNetwork} (what the batch predictors do).
 */
public final class InferenceNetwork implements AutoCloseable {

    /** How the network is executed; in fp32 all give the official outputs within float32 rounding. */
    public enum ExecutionMode {
        /**
         * BatchNorm folded into the convolutions, channels-last feature maps, ops run directly by ND4J
         * on buffers planned once per input shape. The default.
         */
        DIRECT,
        /**
         * The folded channels-last network run through oneDNN's primitives directly, sums and ReLUs fused
         * into the convolution or upsampling before them, on buffers planned once per input shape. bf16
         * always runs this way, whatever mode is asked for.
         */
        ONEDNN,
        /** The same folded channels-last network as a SameDiff graph. */
        SAMEDIFF,
        /** A folded SameDiff graph with NCHW feature maps, as in PyTorch. */
        SAMEDIFF_NCHW,
        /** A SameDiff graph whose variables are exactly the {@code state_dict} entries, BatchNorm as ops. */
        SAMEDIFF_UNFOLDED
    }

    private final NetworkDefinition network;
    private final Precision precision;
    private final Executor executor;
    private final AtomicReference<Thread> running = new AtomicReference<>();

    InferenceNetwork(NetworkDefinition network, Precision precision, Executor executor) {
        this.network = network;
        this.precision = precision;
        this.executor = executor;
    }

    /** Seed of the random weights used when no checkpoint is given (benchmarks, demos, smoke tests). */
    private static final long RANDOM_WEIGHTS_SEED = 1;

    /**
     * The network in the default {@link ExecutionMode#DIRECT} execution, with a checkpoint's weights, or
     * with seeded random weights when {@code weights} is {@code null}.
     *
     * @throws io.hrnetspark.model.InvalidInputException when the weights do not fit the network
     */
    public static InferenceNetwork withWeightsOrRandom(NetworkDefinition network, StateDict weights,
                                                       String networkSource) {
        return withWeightsOrRandom(network, weights, networkSource, Precision.FP32);
    }

    /**
     * As {@link #withWeightsOrRandom(NetworkDefinition, StateDict, String)} in {@code precision}.
     *
     * @throws io.hrnetspark.model.InvalidInputException when the weights do not fit the network, or
     *                                                   bf16 is asked for on a CPU without bf16 arithmetic
     */
    public static InferenceNetwork withWeightsOrRandom(NetworkDefinition network, StateDict weights,
                                                       String networkSource, Precision precision) {
        return weights == null
                ? create(network, RandomWeights.of(ParameterLayout.of(network), RANDOM_WEIGHTS_SEED),
                        "random weights", networkSource, ExecutionMode.DIRECT, precision)
                : create(network, weights, networkSource, ExecutionMode.DIRECT, precision);
    }

    /**
     * Builds {@code network} with the weights of a checkpoint.
     *
     * @param networkSource what the network was built from (e.g. the config file), for the error message
     * @throws io.hrnetspark.model.InvalidInputException listing missing, unexpected and wrong-shape keys
     */
    public static InferenceNetwork create(NetworkDefinition network, StateDict weights, String networkSource,
                                          ExecutionMode mode) {
        return create(network, weights, networkSource, mode, Precision.FP32);
    }

    /**
     * Builds {@code network} with the weights of a checkpoint, in {@code precision}.
     *
     * @param networkSource what the network was built from (e.g. the config file), for the error message
     * @throws io.hrnetspark.model.InvalidInputException listing missing, unexpected and wrong-shape keys, or
     *                                                   when bf16 is asked for on a CPU without bf16 arithmetic
     * @throws IllegalArgumentException for bf16 in a SameDiff mode
     */
    public static InferenceNetwork create(NetworkDefinition network, StateDict weights, String networkSource,
                                          ExecutionMode mode, Precision precision) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        weights.asMap().forEach((key, tensor) -> shapes.put(key, tensor.shape()));
        StateDictMatch.of(ParameterLayout.of(network), shapes).requireMatch(weights.source(), networkSource);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        weights.asMap().forEach((key, tensor) -> arrays.put(key, tensor.toINDArray()));
        return new InferenceNetwork(network, precision, executor(network, arrays, mode, precision, CpuIsa::detect));
    }

    /**
     * Builds {@code network} with the weights of {@code stateDict} (official {@code state_dict} keys).
     *
     * @param weightsSource  the weights, for the error message
     * @param networkSource  what the network was built from (e.g. the config file), for the error message
     * @throws io.hrnetspark.model.InvalidInputException listing missing, unexpected and wrong-shape keys
     */
    public static InferenceNetwork create(NetworkDefinition network, Map<String, INDArray> stateDict,
                                          String weightsSource, String networkSource, ExecutionMode mode) {
        return create(network, stateDict, weightsSource, networkSource, mode, Precision.FP32);
    }

    /**
     * As {@link #create(NetworkDefinition, Map, String, String, ExecutionMode)} in {@code precision}.
     *
     * @throws io.hrnetspark.model.InvalidInputException also when bf16 is asked for on a CPU without
     *                                                   bf16 arithmetic
     * @throws IllegalArgumentException for bf16 in a SameDiff mode
     */
    public static InferenceNetwork create(NetworkDefinition network, Map<String, INDArray> stateDict,
                                          String weightsSource, String networkSource, ExecutionMode mode,
                                          Precision precision) {
        return create(network, stateDict, weightsSource, networkSource, mode, precision, CpuIsa::detect);
    }

    /** As above, with the CPU's instruction sets from {@code cpu} (a simulated CPU in tests). */
    static InferenceNetwork create(NetworkDefinition network, Map<String, INDArray> stateDict,
                                   String weightsSource, String networkSource, ExecutionMode mode,
                                   Precision precision, Supplier<CpuIsa> cpu) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        stateDict.forEach((key, array) -> shapes.put(key, array.shape()));
        StateDictMatch.of(ParameterLayout.of(network), shapes).requireMatch(weightsSource, networkSource);
        return new InferenceNetwork(network, precision, executor(network, stateDict, mode, precision, cpu));
    }

    /**
     * The mode a network asked for in {@code mode} and {@code precision} runs in: {@link ExecutionMode#ONEDNN}
     * for bf16 asked for in {@link ExecutionMode#DIRECT} or {@code ONEDNN}, else {@code mode}.
     *
     * @throws IllegalArgumentException for bf16 in a SameDiff mode
     */
    public static ExecutionMode effectiveMode(ExecutionMode mode, Precision precision) {
        if (precision == Precision.FP32) {
            return mode;
        }
        if (mode != ExecutionMode.DIRECT && mode != ExecutionMode.ONEDNN) {
            throw new IllegalArgumentException("bf16 precision runs in the ONEDNN (or default DIRECT) execution mode, "
                    + "not " + mode);
        }
        return ExecutionMode.ONEDNN;
    }

    private static Executor executor(NetworkDefinition network, Map<String, INDArray> stateDict, ExecutionMode mode,
                                     Precision precision, Supplier<CpuIsa> cpu) {
        return switch (effectiveMode(mode, precision)) {
            case DIRECT -> new DirectExecutor(network, stateDict);
            case ONEDNN -> new OneDnnExecutor(network, stateDict, precision, cpu);
            case SAMEDIFF -> SameDiffExecutor.folded(network, stateDict, true);
            case SAMEDIFF_NCHW -> SameDiffExecutor.folded(network, stateDict, false);
            case SAMEDIFF_UNFOLDED -> SameDiffExecutor.unfolded(network, stateDict);
        };
    }

    public NetworkDefinition network() {
        return network;
    }

    /** The arithmetic the network runs in. */
    public Precision precision() {
        return precision;
    }

    /**
     * The outputs for {@code batch}, an NCHW float32 tensor with 3 channels whose height and width are
     * multiples of {@link NetworkDefinition#inputSizeMultiple()}, in the order of
     * {@link NetworkDefinition#outputNames()}; new C-order arrays the caller owns.
     */
    public List<INDArray> output(INDArray batch) {
        return output(batch, null);
    }

    List<INDArray> output(INDArray batch, OpTimes times) {
        long[] shape = batch.shape();
        int multiple = network.inputSizeMultiple();
        if (batch.rank() != 4 || shape[1] != NetworkDefinition.INPUT_CHANNELS || shape[2] % multiple != 0
                || shape[3] % multiple != 0 || batch.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Expected an NCHW float32 batch with 3 channels and a height and "
                    + "width that are multiples of " + multiple + ", got " + batch.dataType() + " "
                    + Arrays.toString(shape));
        }
        Thread caller = Thread.currentThread();
        if (!running.compareAndSet(null, caller)) {
            throw new IllegalStateException("Thread " + caller.getName() + " ran the network while another thread "
                    + "was running it; an InferenceNetwork is thread-confined: share it through a SharedNetwork");
        }
        try {
            return executor.output(batch, times);
        } finally {
            running.set(null);
        }
    }

    /**
     * Bytes of the feature-map buffers the default ({@link ExecutionMode#DIRECT}) execution needs for a
     * batch of {@code batch} inputs of {@code width x height}, computed from the plan without running:
     * what a batch size costs, to keep it within a memory budget (all shapes share the buffers of the
     * largest).
     */
    public static long bufferBytes(NetworkDefinition network, int batch, int width, int height) {
        return DirectExecutor.bufferBytes(network, new long[] {batch, NetworkDefinition.INPUT_CHANNELS, height, width});
    }

    /** The feature-map buffers the executor holds and the plans it bound so far. */
    public ExecutorMemory memory() {
        return executor.memory();
    }

    /** The executor, for tests. */
    Executor executor() {
        return executor;
    }

    /** Frees the native memory of the weights and buffers; the network cannot be used afterwards. */
    @Override
    public void close() {
        executor.close();
    }
}
