package io.hrnetspark.model.net;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the folded network in bfloat16 through oneDNN: (transposed) convolutions with float32
 * accumulation on weights converted once at load, sums and ReLUs fused into the op before them
 * ({@link FusedPlan}), feature maps in bfloat16 channels-last, the network outputs in float32. Per
 * input shape the primitives are bound to planned buffers once ({@link Bf16BoundPlan}); a call then
 * only converts the input, runs the primitives and converts the outputs. Thread-confined.
 */
final class Bf16Executor implements Executor {

    /** Bound plans kept per input shape (a stream of equal batches plus a last, smaller one). */
    private static final int CACHED_SHAPES = 2;

    private final NetworkDefinition network;
    private final engine engine;
    private final stream stream;
    private final Bf16Convolutions convolutions;
    private final Map<List<Long>, Bf16BoundPlan> plans = new LinkedHashMap<>(4, 0.75f, true);

    /**
     * @param cpu the CPU's instruction sets
     * @throws io.hrnetspark.model.InvalidInputException if the CPU has no bfloat16 arithmetic
     */
    Bf16Executor(NetworkDefinition network, Map<String, INDArray> stateDict, CpuIsa cpu) {
        cpu.requireBf16();
        OneDnnRuntime.load();
        this.network = network;
        this.engine = new engine(org.bytedeco.dnnl.engine.kind.cpu, 0);
        this.stream = new stream(engine);
        this.convolutions = new Bf16Convolutions(network, stateDict, engine, stream);
    }

    @Override
    public List<INDArray> output(INDArray batch, OpTimes times) {
        List<Long> key = Arrays.stream(batch.shape()).boxed().toList();
        Bf16BoundPlan plan = plans.get(key);
        if (plan == null) {
            plan = Bf16BoundPlan.bind(network, batch.shape(), convolutions, engine, stream);
            plans.put(key, plan);
            evictBeyond(CACHED_SHAPES);
        }
        return plan.run(batch, times);
    }

    /** The bound plan for {@code shape}, for tests. */
    Bf16BoundPlan plan(long[] shape) {
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
        Iterator<Bf16BoundPlan> eldestFirst = plans.values().iterator();
        for (int excess = plans.size() - keep; excess > 0; excess--) {
            eldestFirst.next().close();
            eldestFirst.remove();
        }
    }
}
