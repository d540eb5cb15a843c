package io.hrnetspark.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every checkpoint format written by torch loads to exactly the keys, shapes and bits of weights.npz. */
class TorchCheckpointFixturesTest {

    static Stream<Arguments> checkpoints() {
        return Stream.of(
                Arguments.of("pose-tiny/model_legacy.pth", "pose-tiny", List.of()),
                Arguments.of("pose-tiny-ckpt/model_zip.pth", "pose-tiny", List.of()),
                Arguments.of("pose-tiny-ckpt/checkpoint_wrapped.pth", "pose-tiny", List.of("epoch", "model", "perf")),
                Arguments.of("seg-tiny/model_legacy.pth", "seg-tiny", List.of()),
                Arguments.of("seg-tiny-ckpt/model_zip.pth", "seg-tiny", List.of()),
                Arguments.of("seg-tiny-ckpt/checkpoint_wrapped.pth", "seg-tiny", List.of("epoch", "model", "perf")),
                Arguments.of("seg-tiny-ckpt/model_fullmodel_legacy.pth", "seg-tiny", List.of("loss.criterion.weight")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void loadsExactlyTheReferenceKeysShapesAndBits(String checkpoint, String reference, List<String> dropped)
            throws IOException {
        StateDict stateDict = TorchCheckpoint.load(NpzArrays.resource(checkpoint));
        JsonNode expectedKeys = new ObjectMapper()
                .readTree(NpzArrays.resource(reference + "/state_dict_keys.json").toFile());
        Map<String, NpzArrays.Npy> weights = NpzArrays.read(NpzArrays.resource(reference + "/weights.npz"));

        List<String> keys = new ArrayList<>();
        expectedKeys.forEach(entry -> keys.add(entry.get("key").asText()));
        assertEquals(keys, stateDict.keys());
        assertEquals(dropped, stateDict.droppedKeys());
        for (JsonNode entry : expectedKeys) {
            String key = entry.get("key").asText();
            TensorData tensor = stateDict.get(key);
            NpzArrays.Npy npy = weights.get(key);
            long[] shape = new long[entry.get("shape").size()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = entry.get("shape").get(d).asLong();
            }
            assertArrayEquals(shape, tensor.shape(), key);
            assertArrayEquals(npy.shape(), tensor.shape(), key);
            assertEquals(entry.get("dtype").asText(), tensor.dtype(), key);
            assertArrayEquals(npy.data(), tensor.toLittleEndianBytes(), key);
            if (tensor.dtype().equals("float32")) {
                assertEquals("<f4", npy.descr(), key);
                assertArrayEquals(npy.floats(), tensor.toFloatArray(), key);
            } else {
                assertEquals("<i8", npy.descr(), key);
                assertArrayEquals(npy.longs(), tensor.toLongArray(), key);
            }
        }
    }

    @Test
    void bytesInMemoryLoadLikeTheFile() throws IOException {
        Path file = NpzArrays.resource("pose-tiny/model_legacy.pth");
        StateDict fromFile = TorchCheckpoint.load(file);
        StateDict fromBytes = TorchCheckpoint.load(Files.readAllBytes(file), "broadcast:model_legacy.pth");
        assertEquals("broadcast:model_legacy.pth", fromBytes.source());
        assertEquals(fromFile.asMap(), fromBytes.asMap());
    }

    @Test
    void tensorsBecomeNd4jArraysOfTheirShape() {
        StateDict stateDict = TorchCheckpoint.load(NpzArrays.resource("pose-tiny-ckpt/model_zip.pth"));
        Map<String, NpzArrays.Npy> weights = NpzArrays.read(NpzArrays.resource("pose-tiny/weights.npz"));

        INDArray conv = stateDict.get("conv1.weight").toINDArray();
        assertEquals(DataType.FLOAT, conv.dataType());
        assertArrayEquals(new long[] {64, 3, 3, 3}, conv.shape());
        assertArrayEquals(weights.get("conv1.weight").floats(), conv.data().asFloat());
        assertEquals(weights.get("conv1.weight").floats()[1 * 27 + 2 * 9 + 1 * 3 + 2], conv.getFloat(1, 2, 1, 2));

        INDArray batches = stateDict.get("bn1.num_batches_tracked").toINDArray();
        assertEquals(DataType.LONG, batches.dataType());
        assertEquals(0, batches.rank());
        assertEquals(weights.get("bn1.num_batches_tracked").longs()[0], batches.getLong(0));
    }

    @Test
    void sha256OfFileAndBytesAgree() throws IOException {
        Path file = NpzArrays.resource("seg-tiny-ckpt/model_zip.pth");
        String digest = TorchCheckpoint.sha256(file);
        assertEquals(64, digest.length());
        assertEquals(digest, TorchCheckpoint.sha256(Files.readAllBytes(file)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                TorchCheckpoint.sha256(new byte[0]));
    }
}
