package io.hrnetspark.model.net;

import io.hrnetspark.model.InvalidInputException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the folded network through oneDNN's primitives directly, in float32 or bfloat16: (transposed)
 * convolutions with float32 accumulation on weights converted once at load, sums and ReLUs fused into
 * the op before them as post-ops ({@link FusedPlan}), feature maps channels-last in the precision's
 * type, the network outputs in float32. Per input shape the primitives are bound to planned buffers
 * once ({@link OneDnnBoundPlan}); a call then only converts the input, runs the primitives and
 * converts the outputs. Thread-confined.
 */
final class OneDnnExecutor implements Executor {

    /** Bound plans kept per input shape (a stream of equal batches plus a last, smaller one). */
    private static final int CACHED_SHAPES = 2;
    private static final Logger LOG = LoggerFactory.getLogger(OneDnnExecutor.class);

    private final NetworkDefinition network;
    private final memory.data_type type;
    private final engine engine;
    private final stream stream;
    private final OneDnnConvolutions convolutions;
    private final Map<List<Long>, OneDnnBoundPlan> plans = new LinkedHashMap<>(4, 0.75f, true);

    /**
     * @param cpu the CPU's instruction sets, asked for bf16 only
     * @throws InvalidInputException on ND4J's GPU backend, and for bf16 if the CPU has no bfloat16 arithmetic
     */
    OneDnnExecutor(NetworkDefinition network, Map<String, INDArray> stateDict, Precision precision,
                   Supplier<CpuIsa> cpu) {
        OneDnnRuntime.load();
        if (!Nd4j.getEnvironment().isCPU()) {
            throw new InvalidInputException((precision == Precision.BF16 ? "bf16 precision" : "The ONEDNN execution mode")
                    + " runs on CPUs only, and ND4J runs on a GPU backend here: use fp32 in the DIRECT mode.");
        }
        if (precision == Precision.BF16) {
            cpu.get().requireBf16();
        }
        this.network = network;
        this.type = precision == Precision.BF16 ? memory.data_type.bf16 : memory.data_type.f32;
        this.engine = new engine(org.bytedeco.dnnl.engine.kind.cpu, 0);
        this.stream = new stream(engine);
        this.convolutions = new OneDnnConvolutions(network, stateDict, type, engine, stream);
    }

    @Override
    public List<INDArray> output(INDArray batch, OpTimes times) {
        List<Long> key = Arrays.stream(batch.shape()).boxed().toList();
        OneDnnBoundPlan plan = plans.get(key);
        if (plan == null) {
            long start = System.nanoTime();
            plan = OneDnnBoundPlan.bind(network, batch.shape(), type, convolutions, engine, stream);
            LOG.info("oneDNN {} plan for input {}: {} ops, {} feature-map buffers ({} MB), bound with its weight "
                    + "layouts in {} ms", type, key, plan.ops(), plan.buffers(), plan.bufferBytes() >> 20,
                    (System.nanoTime() - start) / 1_000_000);
            plans.put(key, plan);
            evictBeyond(CACHED_SHAPES);
        }
        return plan.run(batch, times);
    }

    /** The bound plan for {@code shape}, for tests. */
    OneDnnBoundPlan plan(long[] shape) {
        return plans.get(Arrays.stream(shape).boxed().toList());
    }

    @Override
    public void close() {
        evictBeyond(0);
        convolutions.close();
        stream.close();
        engine.close();
    }

    private void evictBeyond(int keep) {
        Iterator<OneDnnBoundPlan> eldestFirst = plans.values().iterator();
        for (int excess = plans.size() - keep; excess > 0; excess--) {
            eldestFirst.next().close();
            eldestFirst.remove();
        }
    }
}
