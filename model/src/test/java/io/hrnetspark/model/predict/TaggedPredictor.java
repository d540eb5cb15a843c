package io.hrnetspark.model.predict;

import io.hrnetspark.model.net.ExecutorMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A predictor without a network for testing the batching: an input is a list of samples, each a
 * width and a tag; a sample's "output" is its tag, and an input's result is the tags of its outputs
 * in sample order. It records every batch and every output array it handed out.
 */
final class TaggedPredictor implements BatchPredictor<List<TaggedPredictor.Sample>, List<Float>> {

    /** A sample of {@code width x 1} pixels whose output is {@code tag}. */
    record Sample(int width, float tag) {
    }

    /** One forward pass: the width of its samples and their tags in batch order. */
    record Batch(int width, List<Float> tags) {
    }

    final List<Batch> batches = new ArrayList<>();
    final List<INDArray> outputs = new ArrayList<>();
    int decoded;
    RuntimeException failure;

    static Sample sample(int width, float tag) {
        return new Sample(width, tag);
    }

    @Override
    public PreparedInput<List<Float>> prepare(List<Sample> input) {
        List<NetworkSample> samples = new ArrayList<>();
        for (Sample sample : input) {
            float[] chw = new float[3 * sample.width()];
            Arrays.fill(chw, sample.tag());
            samples.add(new NetworkSample(sample.width(), 1, chw));
        }
        return new PreparedInput<>() {
            @Override
            public List<NetworkSample> samples() {
                return samples;
            }

            @Override
            public List<Float> decode(List<SampleOutput> sampleOutputs) {
                decoded++;
                List<Float> tags = new ArrayList<>();
                for (SampleOutput output : sampleOutputs) {
                    tags.add(output.map(0).getFloat(0));
                }
                return tags;
            }
        };
    }

    @Override
    public List<SampleOutput> forward(List<NetworkSample> batch) {
        if (failure != null) {
            throw failure;
        }
        List<Float> tags = new ArrayList<>();
        List<SampleOutput> result = new ArrayList<>();
        for (NetworkSample sample : batch) {
            if (sample.width() != batch.get(0).width()) {
                throw new AssertionError("Mixed shapes in one batch");
            }
            tags.add(sample.chw()[0]);
            INDArray output = Nd4j.create(new float[] {sample.chw()[0]}, new long[] {1, 1, 1, 1}, 'c');
            outputs.add(output);
            result.add(new SampleOutput(List.of(output)));
        }
        batches.add(new Batch(batch.get(0).width(), tags));
        return result;
    }

    @Override
    public int defaultBatchSize() {
        return 2;
    }

    @Override
    public NetworkStats networkStats() {
        return new NetworkStats(batches.size(), batches.stream().mapToLong(b -> b.tags().size()).sum(), 0, 0,
                ExecutorMemory.UNPLANNED);
    }

    @Override
    public void close() {
    }
}
