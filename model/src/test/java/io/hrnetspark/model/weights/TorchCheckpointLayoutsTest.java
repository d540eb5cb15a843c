package io.hrnetspark.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint shapes the tiny fixtures do not cover, written opcode by opcode as torch and the
 * official training scripts write them: storage views, shared storages, parameters, the
 * {@code _metadata} of a real state dict, full training checkpoints, newer pickle protocols, big-endian data.
 */
class TorchCheckpointLayoutsTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Test
    void legacyStorageViewsAndSharedStoragesResolve() {
        // root storage 'r' = arange(8.); 'a' views elements 2..6 of it (legacy view_metadata), 'b' is a
        // transposed view of the root, 'c' shares the root with an offset.
        byte[] body = new PickleBuilder().proto(2).orderedDict().mark()
                .str("a").tensor("FloatStorage", "r", 8, 1, new long[] {3}, new long[] {1}, true,
                        new Object[] {"v", 2L, 4L})
                .str("b").tensor("FloatStorage", "r", 8, 0, new long[] {4, 2}, new long[] {1, 4}, true, null)
                .str("c").tensor("FloatStorage", "r", 8, 6, new long[] {2}, new long[] {1}, true, null)
                .setItems().stop().bytes();
        StateDict stateDict = TorchCheckpoint.load(CheckpointBytes.legacy(body,
                Map.of("r", CheckpointBytes.floats(LE, 0, 1, 2, 3, 4, 5, 6, 7)), Map.of("r", 8L), true), "views.pth");

        assertEquals(List.of("a", "b", "c"), stateDict.keys());
        assertArrayEquals(new float[] {3, 4, 5}, stateDict.get("a").toFloatArray());
        assertArrayEquals(new float[] {0, 4, 1, 5, 2, 6, 3, 7}, stateDict.get("b").toFloatArray());
        assertArrayEquals(new float[] {6, 7}, stateDict.get("c").toFloatArray());
    }

    @Test
    void bigEndianLegacyAndZipCheckpointsReadTheSameValues() {
        byte[] legacyBody = onePlainTensor(true);
        StateDict legacy = TorchCheckpoint.load(CheckpointBytes.legacy(legacyBody,
                Map.of("0", CheckpointBytes.floats(ByteOrder.BIG_ENDIAN, 1.5f, -2f)), Map.of("0", 2L), false),
                "be.pth");
        StateDict zip = TorchCheckpoint.load(CheckpointBytes.zip("be", onePlainTensor(false),
                Map.of("0", CheckpointBytes.floats(ByteOrder.BIG_ENDIAN, 1.5f, -2f)), "big"), "be.pth");
        assertArrayEquals(new float[] {1.5f, -2f}, legacy.get("w").toFloatArray());
        assertArrayEquals(new float[] {1.5f, -2f}, zip.get("w").toFloatArray());
    }

    private static byte[] onePlainTensor(boolean legacy) {
        return new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}, legacy, null)
                .setItems().stop().bytes();
    }

    @Test
    void officialPoseTrainingCheckpointKeepsTheStateDict() {
        // checkpoint.pth of deep-high-resolution-net.pytorch tools/train.py with a DataParallel model:
        // {'epoch', 'model', 'state_dict', 'best_state_dict', 'perf' (numpy.float64), 'optimizer'}
        PickleBuilder p = new PickleBuilder().proto(2).op('}').mark()
                .str("epoch").integer(140)
                .str("model").str("pose_hrnet")
                .str("state_dict");
        stateDictWithMetadata(p, "module.");
        p.str("best_state_dict");
        stateDictWithMetadata(p, "module.");
        p.str("perf");
        numpyFloat64(p, 0.7421);
        p.str("optimizer").op('}').mark()
                .str("state").op('}').mark()
                .integer(0).op('}').mark().str("step").integer(10)
                .str("exp_avg").tensor("FloatStorage", "9", 2, 0, new long[] {2}, new long[] {1}, false, null)
                .setItems()
                .setItems()
                .str("param_groups").op(']').mark().op('}').mark()
                .str("lr").op('G').raw(0x3f, 0x50, 0x62, 0x4d, 0xd2, 0xf1, 0xa9, 0xfc)
                .str("betas").mark().op('G').raw(0x3f, 0xec, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcd)
                .op('G').raw(0x3f, 0xef, 0xf7, 0xce, 0xd9, 0x16, 0x87, 0x2b).tuple()
                .str("params").op(']').mark().integer(0).op('e')
                .setItems().op('e')
                .setItems();
        p.setItems().stop();

        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", CheckpointBytes.floats(LE, 1, 2, 3, 4));
        storages.put("1", longBytes(5));
        storages.put("9", CheckpointBytes.floats(LE, 0, 0));
        StateDict stateDict = TorchCheckpoint.load(CheckpointBytes.zip("checkpoint", p.bytes(), storages, "little"),
                "checkpoint.pth");

        assertEquals(List.of("conv.weight", "bn.num_batches_tracked"), stateDict.keys());
        assertEquals(List.of("epoch", "model", "best_state_dict", "perf", "optimizer"), stateDict.droppedKeys());
        assertArrayEquals(new float[] {1, 2, 3, 4}, stateDict.get("conv.weight").toFloatArray());
        assertArrayEquals(new long[] {2, 1, 1, 2}, stateDict.get("conv.weight").shape());
        assertArrayEquals(new long[] {5}, stateDict.get("bn.num_batches_tracked").toLongArray());
    }

    @Test
    void officialSegmentationCheckpointKeepsTheModelEntries() {
        // checkpoint.pth.tar of HRNet-Semantic-Segmentation: {'epoch', 'best_mIoU', 'state_dict':
        // FullModel.state_dict() ('model.' + key, 'loss.criterion.weight'), 'optimizer'}
        PickleBuilder p = new PickleBuilder().proto(2).op('}').mark()
                .str("epoch").integer(484)
                .str("best_mIoU");
        numpyFloat64(p, 0.81);
        p.str("state_dict").orderedDict().mark()
                .str("model.conv.weight").tensor("FloatStorage", "0", 4, 0, new long[] {2, 1, 1, 2},
                        new long[] {2, 2, 2, 1}, false, null)
                .str("loss.criterion.weight").tensor("FloatStorage", "2", 2, 0, new long[] {2}, new long[] {1},
                        false, null)
                .setItems()
                .str("optimizer").op('}')
                .setItems().stop();
        Map<String, byte[]> storages = Map.of("0", CheckpointBytes.floats(LE, 1, 2, 3, 4),
                "2", CheckpointBytes.floats(LE, 0.8f, 1.2f));
        StateDict stateDict = TorchCheckpoint.load(CheckpointBytes.zip("checkpoint", p.bytes(), storages, null),
                "checkpoint.pth.tar");

        assertEquals(List.of("conv.weight"), stateDict.keys());
        assertEquals(List.of("epoch", "best_mIoU", "optimizer", "loss.criterion.weight"), stateDict.droppedKeys());
    }

    @Test
    void parametersAndHalfStoragesLoad() {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark()
                .str("p").global("torch._utils", "_rebuild_parameter").mark()
                .tensor("HalfStorage", "0", 2, 0, new long[] {2}, new long[] {1}, false, null)
                .bool(true).orderedDict().tuple().reduce()
                .setItems().stop().bytes();
        StateDict stateDict = TorchCheckpoint.load(CheckpointBytes.zip("half", pickle,
                Map.of("0", new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0}), "little"), "half.pth");
        assertEquals("float16", stateDict.get("p").dtype());
        assertArrayEquals(new float[] {1f, -2f}, stateDict.get("p").toFloatArray());
    }

    @Test
    void protocolFourOpcodesLoad() {
        // What pickle.dumps(..., protocol=4) emits: FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL, BINGET.
        PickleBuilder p = new PickleBuilder().proto(4).op(0x95).raw(PickleBuilder.le(0, 8));
        shortString(p, "collections").op(0x94);
        shortString(p, "OrderedDict").op(0x94).op(0x93).op(0x94).op(')').op('R').op(0x94);
        shortString(p, "w").op(0x94);
        shortString(p, "torch._utils").op(0x94);
        shortString(p, "_rebuild_tensor_v2").op(0x94).op(0x93).op(0x94).mark().mark();
        shortString(p, "storage").op(0x94);
        shortString(p, "torch").op(0x94);
        shortString(p, "FloatStorage").op(0x94).op(0x93).op(0x94);
        shortString(p, "0").op(0x94);
        shortString(p, "cpu").op(0x94).integer(3).tuple().op(0x94).op('Q')
                .integer(0).integer(3).op(0x85).integer(1).op(0x85).bool(false)
                .op('h').raw(2).op(')').op('R').tuple().op('R').op('s').stop();
        StateDict stateDict = TorchCheckpoint.load(CheckpointBytes.zip("p4", p.bytes(),
                Map.of("0", CheckpointBytes.floats(LE, 7, 8, 9)), "little"), "p4.pth");
        assertArrayEquals(new float[] {7, 8, 9}, stateDict.get("w").toFloatArray());
    }

    private static PickleBuilder shortString(PickleBuilder p, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return p.op(0x8c).raw(utf8.length).raw(utf8);
    }

    /**
     * OrderedDict(prefix + 'conv.weight': float32 (2, 1, 1, 2) on storage '0', prefix +
     * 'bn.num_batches_tracked': int64 scalar on '1') with the _metadata torch attaches to a state dict.
     */
    private static void stateDictWithMetadata(PickleBuilder p, String prefix) {
        p.orderedDict().mark()
                .str(prefix + "conv.weight").tensor("FloatStorage", "0", 4, 0, new long[] {2, 1, 1, 2},
                        new long[] {2, 2, 2, 1}, false, null)
                .str(prefix + "bn.num_batches_tracked").tensor("LongStorage", "1", 1, 0, new long[0], new long[0],
                        false, null)
                .setItems()
                .op('}').mark().str("_metadata").orderedDict().mark()
                .str("").op('}').mark().str("version").integer(1).setItems()
                .str("module").op('}').mark().str("version").integer(1).setItems()
                .setItems().setItems().op('b');
    }

    /** numpy.float64 as pickle protocol 2 writes it: scalar(dtype('f8') + state, _codecs.encode(bytes, 'latin1')). */
    private static void numpyFloat64(PickleBuilder p, double value) {
        byte[] bytes = ByteBuffer.allocate(8).order(LE).putDouble(value).array();
        p.global("numpy.core.multiarray", "scalar")
                .global("numpy", "dtype").str("f8").bool(false).bool(true).op(0x87).reduce()
                .mark().integer(3).str("<").none().none().none().integer(-1).integer(-1).integer(0).tuple().op('b')
                .global("_codecs", "encode").str(new String(bytes, StandardCharsets.ISO_8859_1)).str("latin1")
                .op(0x86).reduce()
                .op(0x86).reduce();
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).order(LE).putLong(value).array();
    }
}
