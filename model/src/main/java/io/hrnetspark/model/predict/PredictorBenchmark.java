package io.hrnetspark.model.predict;

import io.hrnetspark.model.net.ExecutorMemory;
import io.hrnetspark.model.predict.StreamBatcher.Completed;
import io.hrnetspark.model.predict.StreamBatcher.Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Throughput of a predictor over a list of inputs, one measurement per batch size: every input
 * prepared, run through a {@link StreamBatcher} and decoded on one thread, as a partition task does.
 * Prints inputs/s and where the time goes (pre-processing, the network, decoding, e.g. bottom-up
 * grouping), the executor's buffers and the process's peak resident memory, and whether each
 * batch size gives the results of the first. A measurement that prints figures, never a test.
 *
 * @param <I> the predictor's input
 * @param <R> its result
 */
public final class PredictorBenchmark<I, R> {

    /**
     * @param batchSizes    samples per forward pass, one measurement each
     * @param windowBatches samples that may wait for a batch, in batches (2 is {@link StreamBatcher}'s default)
     * @param warmupPasses  untimed passes over the inputs before each measurement, so that every
     *                      input shape is planned before the clock runs
     */
    public record Options(List<Integer> batchSizes, int windowBatches, int warmupPasses) {

        public Options {
            batchSizes = List.copyOf(batchSizes);
            if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1) || windowBatches < 1
                    || warmupPasses < 0) {
                throw new IllegalArgumentException("Batch sizes and the window must be positive, warm-up passes >= 0");
            }
        }
    }

    /**
     * One batch size's measurement; times in seconds over the timed pass.
     *
     * @param forwardSeconds time in forward passes (stacking, the network, splitting the outputs)
     * @param networkSeconds time the network itself ran
     * @param peakRssBytes   the process's peak resident memory during the pass (since start where it
     *                       cannot be reset), 0 where unknown
     */
    public record Result(int batchSize, int inputs, double seconds, double prepareSeconds, double forwardSeconds,
                         double networkSeconds, double decodeSeconds, long batches, long samples,
                         ExecutorMemory memory, long peakRssBytes, boolean sameAsFirst) {

        public double inputsPerSecond() {
            return inputs / seconds;
        }

        public String line() {
            return String.format(Locale.ROOT,
                    "batch %3d: %7.3f inputs/s  %7.2f samples/s  prepare %4.1f%%  forward %4.1f%% (network %4.1f%%)  "
                            + "decode %4.1f%%  %d batches  buffers %.0f MB for %d shapes (%d plans bound)  "
                            + "peak RSS %.0f MB  %s",
                    batchSize, inputsPerSecond(), samples / seconds, 100 * prepareSeconds / seconds,
                    100 * forwardSeconds / seconds, 100 * networkSeconds / seconds, 100 * decodeSeconds / seconds,
                    batches, memory.bufferBytes() / 1e6, memory.boundShapes(), memory.binds(), peakRssBytes / 1e6,
                    sameAsFirst ? "results equal the first batch size's" : "RESULTS DIFFER from the first batch size's");
        }
    }

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final BatchPredictor<I, R> predictor;
    private final Options options;

    public PredictorBenchmark(BatchPredictor<I, R> predictor, Options options) {
        this.predictor = predictor;
        this.options = options;
    }

    /**
     * Runs every batch size over {@code inputs}, printing a line per result to {@code out}.
     *
     * @param sameResult whether two results of one input are equal
     */
    public List<Result> run(List<I> inputs, BiPredicate<R, R> sameResult, Consumer<String> out) {
        List<Result> results = new ArrayList<>();
        List<R> first = null;
        for (int batchSize : options.batchSizes()) {
            for (int pass = 0; pass < options.warmupPasses(); pass++) {
                pass(inputs, batchSize, new long[1]);
            }
            resetPeakRss();
            NetworkStats before = predictor.networkStats();
            long[] prepareNanos = new long[1];
            long start = System.nanoTime();
            Pass<R> pass = pass(inputs, batchSize, prepareNanos);
            double seconds = (System.nanoTime() - start) / 1e9;
            NetworkStats network = predictor.networkStats().since(before);
            boolean same = true;
            if (first == null) {
                first = pass.results();
            } else {
                for (int i = 0; i < inputs.size(); i++) {
                    same &= sameResult.test(first.get(i), pass.results().get(i));
                }
            }
            Result result = new Result(batchSize, inputs.size(), seconds, prepareNanos[0] / 1e9,
                    pass.stats().forwardNanos() / 1e9, network.runningNanos() / 1e9, pass.stats().decodeNanos() / 1e9,
                    pass.stats().batches(), pass.stats().samples(), network.memory(), peakRss(), same);
            results.add(result);
            out.accept(result.line());
        }
        return results;
    }

    private record Pass<R>(List<R> results, StreamBatcher.Stats stats) {
    }

    private Pass<R> pass(List<I> inputs, int batchSize, long[] prepareNanos) {
        StreamBatcher<Integer, R> batcher = new StreamBatcher<>(predictor, batchSize,
                batchSize * options.windowBatches());
        Iterator<Input<Integer, R>> prepared = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < inputs.size();
            }

            @Override
            public Input<Integer, R> next() {
                long start = System.nanoTime();
                PreparedInput<R> input = predictor.prepare(inputs.get(next));
                prepareNanos[0] += System.nanoTime() - start;
                return Input.of(next++, input);
            }
        };
        List<R> results = new ArrayList<>(inputs.size());
        Iterator<Completed<Integer, R>> completed = batcher.stream(prepared);
        while (completed.hasNext()) {
            results.add(completed.next().result());
        }
        return new Pass<>(results, batcher.stats());
    }

    /** Resets the kernel's peak resident set size of this process (Linux {@code clear_refs} 5), if allowed. */
    private static void resetPeakRss() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not allowed here: the peak then counts from the process start (see Result).
        }
    }

    /** {@code VmHWM} of {@code /proc/self/status} in bytes, 0 where unknown. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
