package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.HrnetBackboneConfig;
import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.TopDownPoseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The traced layouts equal the official state_dicts listed in the hrnet-structure fixture. */
class ParameterLayoutTest {

    static TopDownPoseConfig officialConfig(String file) {
        Path path = Path.of(System.getProperty("user.dir")).getParent().resolve("conf/models").resolve(file);
        return (TopDownPoseConfig) ExperimentConfigReader.read(path);
    }

    static JsonNode structure(String name) throws IOException {
        try (InputStream in = ParameterLayoutTest.class.getResourceAsStream("/fixtures/hrnet-structure/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "w32_256x192_adam_lr1e-3.yaml, pose_hrnet_w32_256x192.json",
        "w32_384x288_adam_lr1e-3.yaml, pose_hrnet_w32_256x192.json",
        "w48_256x192_adam_lr1e-3.yaml, pose_hrnet_w48_256x192.json",
        "w48_384x288_adam_lr1e-3.yaml, pose_hrnet_w48_256x192.json"})
    void topDownLayoutEqualsOfficialStateDict(String config, String fixture) throws IOException {
        JsonNode expected = structure(fixture);
        ParameterLayout layout = ParameterLayout.of(new TopDownPoseNetwork(officialConfig(config)));
        assertEntries(expected.get("state_dict"), layout.entries());
        assertEquals(expected.get("trainable_params").asLong(), layout.trainableParameters());
        assertEquals(expected.get("state_dict_elements_excluding_num_batches_tracked").asLong(),
                layout.stateDictElements());
        assertEquals(expected.get("num_num_batches_tracked_entries").asLong(), layout.batchNormLayers());
    }

    @ParameterizedTest
    @CsvSource({
        "w32_256x192_adam_lr1e-3.yaml, pose_hrnet_w32_256x192.json, 192, 256",
        "w48_384x288_adam_lr1e-3.yaml, pose_hrnet_w48_256x192.json, 288, 384"})
    void topDownOutputIsAQuarterOfTheInput(String config, String fixture, int w, int h) throws IOException {
        ShapeTracer.Trace trace = ShapeTracer.trace(new TopDownPoseNetwork(officialConfig(config)));
        assertEquals(List.of(new FeatureShape(17, h / 4, w / 4)), trace.outputs());
        if (w == 192) {
            JsonNode out = structure(fixture).get("output_shapes").get(0);
            assertEquals(new FeatureShape(out.get(1).asInt(), out.get(2).asInt(), out.get(3).asInt()),
                    trace.outputs().get(0));
        }
    }

    @Test
    void segmentationLayoutEqualsOfficialStateDict() throws IOException {
        JsonNode expected = structure("seg_hrnet_w48_cityscapes.json");
        Path path = Path.of(System.getProperty("user.dir")).getParent().resolve("conf/models")
                .resolve("seg_hrnet_w48_train_512x1024_sgd_lr1e-2_wd5e-4_bs_12_epoch484.yaml");
        SegmentationNetwork network = new SegmentationNetwork((SegmentationConfig) ExperimentConfigReader.read(path));
        ParameterLayout layout = ParameterLayout.of(network);
        assertEntries(expected.get("state_dict"), layout.entries());
        assertEquals(expected.get("trainable_params").asLong(), layout.trainableParameters());
        assertEquals(expected.get("state_dict_elements_excluding_num_batches_tracked").asLong(),
                layout.stateDictElements());
        assertEquals(expected.get("num_state_dict_entries").asInt(), layout.entries().size());
        assertEquals(expected.get("num_num_batches_tracked_entries").asLong(), layout.batchNormLayers());
        JsonNode outputs = expected.get("output_shapes_by_input");
        for (var input = outputs.fields(); input.hasNext(); ) {
            var entry = input.next();
            long[] in = new ObjectMapper().readValue(entry.getKey(), long[].class);
            JsonNode out = entry.getValue().get(0);
            assertEquals(List.of(new FeatureShape(out.get(1).asInt(), out.get(2).asInt(), out.get(3).asInt())),
                    ShapeTracer.trace(network, new FeatureShape((int) in[1], (int) in[2], (int) in[3])).outputs());
        }
    }

    /** The backbone part of HigherHRNet (single output) and HRNetV2 segmentation (all branches). */
    @ParameterizedTest
    @CsvSource({
        "w32_256x192_adam_lr1e-3.yaml, pose_higher_hrnet_w32_512.json, false, final_layers.",
        "w48_256x192_adam_lr1e-3.yaml, pose_higher_hrnet_w48_640.json, false, final_layers.",
        "w48_256x192_adam_lr1e-3.yaml, seg_hrnet_w48_cityscapes.json, true, last_layer."})
    void backboneLayoutEqualsOtherFamiliesBackbone(String config, String fixture, boolean multiScale,
                                                   String headStart) throws IOException {
        HrnetBackboneConfig backboneConfig = officialConfig(config).extra().backbone();
        HrnetBackbone backbone = new HrnetBackbone(backboneConfig, multiScale);
        NetworkDefinition backboneOnly = new NetworkDefinition() {
            @Override
            public ImageSize inputSize() {
                return new ImageSize(512, 512);
            }

            @Override
            public List<String> outputNames() {
                return List.of("branches");
            }

            @Override
            public <T> List<T> forward(LayerOps<T> ops, T image) {
                return backbone.forward(ops, image);
            }
        };
        ShapeTracer.Trace trace = ShapeTracer.trace(backboneOnly);
        List<JsonNode> backboneEntries = new ArrayList<>();
        for (JsonNode entry : structure(fixture).get("state_dict")) {
            if (entry.get("key").asText().startsWith(headStart)) {
                break;
            }
            backboneEntries.add(entry);
        }
        assertEntries(new ObjectMapper().valueToTree(backboneEntries), trace.layout().entries());
        assertEquals(multiScale ? 4 : 1, trace.outputs().size());
        assertEquals(backbone.outputChannels(), trace.outputs().stream().map(FeatureShape::channels).toList());
    }

    private static void assertEntries(JsonNode expected, List<ParameterEntry> actual) {
        List<String> expectedKeys = new ArrayList<>();
        expected.forEach(e -> expectedKeys.add(e.get("key").asText()));
        assertEquals(expectedKeys, actual.stream().map(ParameterEntry::key).toList());
        for (int i = 0; i < actual.size(); i++) {
            JsonNode shape = expected.get(i).get("shape");
            long[] expectedShape = new long[shape.size()];
            for (int d = 0; d < expectedShape.length; d++) {
                expectedShape[d] = shape.get(d).asLong();
            }
            assertArrayEquals(expectedShape, actual.get(i).shape(), actual.get(i).key());
            assertEquals(expected.get(i).get("dtype").asText().equals("int64"),
                    actual.get(i).kind() == ParameterEntry.Kind.BATCH_COUNTER, actual.get(i).key());
        }
    }
}
