package io.hrnetspark.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile, damaged and wrong files end in one sentence naming the file, and nothing in them runs. */
class TorchCheckpointSafetyTest {

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pose-tiny/model_legacy.pth", "pose-tiny-ckpt/model_zip.pth",
        "seg-tiny-ckpt/model_fullmodel_legacy.pth"})
    void truncatedFilesAreReportedAsTruncated(String fixture) throws IOException {
        byte[] whole = Files.readAllBytes(NpzArrays.resource(fixture));
        TreeSet<Integer> cuts = new TreeSet<>(Arrays.asList(0, 1, 2, 3, 5, 14, 15, 16, 21, 22, 100, 137, 1000,
                10_000, 40_000, 41_511, 47_194, 47_195, 47_200, 59_000, 66_000));
        for (int i = 1; i < 20; i++) {
            cuts.add(whole.length * i / 20);
        }
        for (int back : new int[] {100, 23, 22, 21, 9, 8, 1}) {
            cuts.add(whole.length - back);
        }
        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(whole, cut);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> TorchCheckpoint.load(truncated, "cut.pth"), "cut at " + cut);
            assertOneSentenceAbout("cut.pth", e);
            if (cut >= 4) {
                assertTrue(e.getMessage().contains("is truncated or damaged"), cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void posixSystemIsRefusedAndNeverRuns() {
        Path marker = tempDir.resolve("pwned");
        byte[] pickle = new PickleBuilder().proto(2)
                .global("posix", "system").str("touch " + marker).op(0x85).reduce().stop().bytes();

        InvalidInputException raw = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(pickle, "evil.pth"));
        InvalidInputException zipped = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(CheckpointBytes.zip("evil", pickle, Map.of(), "little"), "evil.pth"));

        for (InvalidInputException e : new InvalidInputException[] {raw, zipped}) {
            assertEquals("Checkpoint file 'evil.pth' refers to the Python global 'posix.system', which is not a "
                    + "tensor, storage or plain container, so it was refused without being run; load only "
                    + "checkpoints that hold a state dict, saved with torch.save(model.state_dict(), path).",
                    e.getMessage());
        }
        assertFalse(Files.exists(marker));
    }

    @Test
    void otherGlobalsAreRefusedWhereverTheyHide() {
        // builtins.eval as the value of an otherwise ordinary state dict entry
        byte[] evalInside = new PickleBuilder().proto(2).orderedDict().mark()
                .str("conv.weight").global("builtins", "eval").str("print(1)").op(0x85).reduce()
                .setItems().stop().bytes();
        assertRefusedGlobal("builtins.eval", CheckpointBytes.zip("m", evalInside, Map.of(), null));
        // protocol 4 names globals through STACK_GLOBAL
        byte[] stackGlobal = new PickleBuilder().proto(4).op(0x8c).raw(2).raw('o', 's').op(0x8c).raw(6)
                .raw("system".getBytes()).op(0x93).str("id").op(0x85).reduce().stop().bytes();
        assertRefusedGlobal("os.system", stackGlobal);
        // a pickled nn.Module names its class
        byte[] module = new PickleBuilder().proto(2).global("models.pose_hrnet", "PoseHighResolutionNet")
                .stop().bytes();
        assertRefusedGlobal("models.pose_hrnet.PoseHighResolutionNet", module);
    }

    private static void assertRefusedGlobal(String global, byte[] checkpoint) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(checkpoint, "hostile.pth"));
        assertOneSentenceAbout("hostile.pth", e);
        assertTrue(e.getMessage().contains("refers to the Python global '" + global + "'"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path absent = tempDir.resolve("absent.pth");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(absent));
        assertEquals("Checkpoint file '" + absent + "' does not exist; check the path of the weights file.",
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> TorchCheckpoint.sha256(absent));
    }

    @Test
    void directoryIsNotAFile() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(tempDir));
        assertEquals("Checkpoint path '" + tempDir + "' is a directory; pass the .pth file itself.", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pose-tiny/image.png", "pose-tiny/config.yaml", "seg-tiny/README.md"})
    void otherFilesAreNotCheckpoints(String fixture) {
        Path file = NpzArrays.resource(fixture);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(file));
        assertEquals("Checkpoint file '" + file + "' is not a PyTorch checkpoint (it starts with neither a ZIP "
                + "header nor a pickle); pass the .pth file written by torch.save.", e.getMessage());
    }

    @Test
    void zipAndPickleFilesThatAreNotCheckpointsAreNamedAsSuch() {
        Path npz = NpzArrays.resource("pose-tiny/weights.npz");
        InvalidInputException zip = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(npz));
        assertEquals("Checkpoint file '" + npz + "' is a ZIP archive but not a PyTorch checkpoint (it has no "
                + "data.pkl); pass the .pth file written by torch.save.", zip.getMessage());

        byte[] plainPickle = new PickleBuilder().proto(2).op('}').stop().bytes();
        InvalidInputException pickle = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(plainPickle, "data.pickle"));
        assertEquals("Checkpoint file 'data.pickle' is a Python pickle but not a PyTorch checkpoint (it lacks "
                + "torch's magic number); pass the .pth file written by torch.save.", pickle.getMessage());

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("scripted/data.pkl", new PickleBuilder().proto(2).op('}').stop().bytes());
        entries.put("scripted/constants.pkl", new PickleBuilder().proto(2).op(')').stop().bytes());
        byte[] torchScript = CheckpointBytes.zip(entries);
        InvalidInputException script = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(torchScript, "scripted.pt"));
        assertEquals("Checkpoint file 'scripted.pt' is a TorchScript archive (torch.jit.save), which holds code "
                + "rather than a state dict; save the weights with torch.save(model.state_dict(), path).",
                script.getMessage());
    }

    @Test
    void storageLargerThanTheFileIsRefusedBeforeAllocating() {
        long huge = 1_000_000_000_000L;
        byte[] zipPickle = stateDictPickle(huge, false);
        InvalidInputException zip = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(
                CheckpointBytes.zip("big", zipPickle, Map.of("0", new byte[16]), "little"), "big.pth"));
        assertTrue(zip.getMessage().contains("storage '0' claims 1000000000000 elements of 4 bytes but the file "
                + "has only"), zip.getMessage());
        assertOneSentenceAbout("big.pth", zip);

        byte[] legacyPickle = stateDictPickle(huge, true);
        InvalidInputException legacy = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(
                CheckpointBytes.legacy(legacyPickle, Map.of("0", new byte[16]), Map.of("0", huge), true), "big.pth"));
        assertTrue(legacy.getMessage().contains("claims 1000000000000 elements"), legacy.getMessage());
    }

    @Test
    void storageDataShorterThanDeclaredIsDamage() {
        byte[] zipPickle = stateDictPickle(4, false);
        InvalidInputException zip = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(
                CheckpointBytes.zip("short", zipPickle, Map.of("0", new byte[8]), "little"), "short.pth"));
        assertEquals("Checkpoint file 'short.pth' is truncated or damaged (the entry 'short/data/0' holds 8 bytes "
                + "but its storage declares 16); download it again or re-save it with torch.save.", zip.getMessage());

        byte[] legacyPickle = stateDictPickle(4, true);
        InvalidInputException countMismatch = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(
                CheckpointBytes.legacy(legacyPickle, Map.of("0", new byte[8]), Map.of("0", 2L), true), "short.pth"));
        assertTrue(countMismatch.getMessage().contains("storage '0' has 2 elements where 4 were declared"),
                countMismatch.getMessage());
        byte[] cutData = CheckpointBytes.legacy(legacyPickle, Map.of("0", new byte[8]), Map.of("0", 4L), true);
        InvalidInputException shortData = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(cutData, "short.pth"));
        assertTrue(shortData.getMessage().contains("the data of storage '0' needs 16 bytes"), shortData.getMessage());
    }

    @Test
    void tensorViewBeyondItsStorageIsDamage() {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 4, 1, new long[] {2, 2}, new long[] {2, 1}, false, null)
                .setItems().stop().bytes();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(
                CheckpointBytes.zip("m", pickle, Map.of("0", new byte[16]), "little"), "view.pth"));
        assertEquals("Checkpoint file 'view.pth' is truncated or damaged (a tensor view (offset 1, size [2, 2], "
                + "stride [2, 1]) in m/data.pkl reaches beyond its storage of 4 elements); download it again or "
                + "re-save it with torch.save.", e.getMessage());
    }

    @Test
    void expandedViewsAreRefusedSoNoTensorOutgrowsTheFile() {
        // torch.zeros(4).expand(1000000000, 4): a 16-byte storage standing for 16 GB of values
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 4, 0, new long[] {1_000_000_000, 4}, new long[] {0, 1}, false, null)
                .setItems().stop().bytes();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.load(
                CheckpointBytes.zip("m", pickle, Map.of("0", new byte[16]), "little"), "expand.pth"));
        assertEquals("Checkpoint file 'expand.pth' has a tensor view (offset 0, size [1000000000, 4], stride [0, 1]) "
                + "in m/data.pkl whose 4000000000 elements repeat the 4 of its storage, which this reader does not "
                + "expand; save the tensor with .contiguous().", e.getMessage());
    }

    @Test
    void hugeStringLengthIsRefusedBeforeAllocating() {
        byte[] pickle = new PickleBuilder().proto(2).op('X').raw(0xf0, 0xff, 0xff, 0xff).raw('a', 'b').stop().bytes();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(pickle, "long.pth"));
        assertEquals("Checkpoint file 'long.pth' is truncated or damaged (BINUNICODE in the pickled data declares "
                + "4294967280 bytes but only 3 remain); download it again or re-save it with torch.save.",
                e.getMessage());
    }

    @Test
    void unsupportedOpcodeIsNamed() {
        byte[] textString = new PickleBuilder().proto(2).raw("S'hello'\n.".getBytes()).bytes();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(textString, "old.pth"));
        assertEquals("Checkpoint file 'old.pth' uses pickle opcode 'S' (0x53) at byte 2 of the pickled data, which "
                + "this reader does not support; re-save it with torch.save(model.state_dict(), path).",
                e.getMessage());
    }

    @Test
    void emptyStateDictIsRefused() {
        byte[] body = new PickleBuilder().proto(2).orderedDict().stop().bytes();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(CheckpointBytes.legacy(body, Map.of(), Map.of(), true), "empty.pth"));
        assertEquals("Checkpoint file 'empty.pth' holds no tensors; pass a checkpoint saved with "
                + "torch.save(model.state_dict(), path).", e.getMessage());
    }

    @Test
    void nonTensorEntriesAndNonDictRootsAreRefused() {
        byte[] list = new PickleBuilder().proto(2).op(']').stop().bytes();
        InvalidInputException root = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(CheckpointBytes.zip("m", list, Map.of(), null), "list.pth"));
        assertEquals("Checkpoint file 'list.pth' holds a list instead of a state dict; save the weights with "
                + "torch.save(model.state_dict(), path).", root.getMessage());

        byte[] wrongEntry = new PickleBuilder().proto(2).op('}').mark().str("net").op('}').setItems().stop().bytes();
        InvalidInputException entry = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(CheckpointBytes.zip("m", wrongEntry, Map.of(), null), "nested.pth"));
        assertEquals("Checkpoint file 'nested.pth' has an entry 'net' that is a dict, not a tensor; save the "
                + "weights with torch.save(model.state_dict(), path).", entry.getMessage());
    }

    @Test
    void randomCorruptionsEndInALoadOrOneSentence() throws IOException {
        Random random = new Random(1011);
        for (String fixture : List.of("seg-tiny-ckpt/model_zip.pth", "seg-tiny-ckpt/model_fullmodel_legacy.pth")) {
            byte[] whole = Files.readAllBytes(NpzArrays.resource(fixture));
            for (int i = 0; i < 100; i++) {
                byte[] corrupted = whole.clone();
                int changes = 1 + random.nextInt(4);
                for (int k = 0; k < changes; k++) {
                    corrupted[random.nextInt(50_000)] = (byte) random.nextInt(256);
                }
                try {
                    TorchCheckpoint.load(corrupted, "corrupt.pth").asMap().values()
                            .forEach(TensorData::toLittleEndianBytes);
                } catch (InvalidInputException e) {
                    assertOneSentenceAbout("corrupt.pth", e);
                }
            }
        }
    }

    @Test
    void namesFromTheFileAreShownEscapedAndCyclesAreNeverPrinted() {
        byte[] oddKey = new PickleBuilder().proto(2).op('}').mark().str("evil\nkey").integer(1).setItems().stop()
                .bytes();
        InvalidInputException key = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(CheckpointBytes.zip("m", oddKey, Map.of(), null), "odd.pth"));
        assertTrue(key.getMessage().contains("has an entry 'evil\\x0akey' that is a int"), key.getMessage());

        // a list that contains itself, used as a storage key
        byte[] cycle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .global("torch._utils", "_rebuild_tensor_v2").mark()
                .mark().str("storage").global("torch", "FloatStorage")
                .op(']').op('q').raw(0).op('h').raw(0).op('a')
                .str("cpu").integer(1).tuple().op('Q')
                .integer(0).ints(1).ints(1).bool(false).orderedDict().tuple().reduce()
                .setItems().stop().bytes();
        InvalidInputException cyclic = assertThrows(InvalidInputException.class,
                () -> TorchCheckpoint.load(CheckpointBytes.zip("m", cycle, Map.of(), null), "cycle.pth"));
        assertTrue(cyclic.getMessage().contains("a storage key is a list instead of a str"), cyclic.getMessage());
    }

    /** A state dict {'w': float32 tensor of 4 elements on storage '0' declaring {@code numel} elements}. */
    private static byte[] stateDictPickle(long numel, boolean legacy) {
        return new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", numel, 0, new long[] {4}, new long[] {1}, legacy, null)
                .setItems().stop().bytes();
    }

    private static void assertOneSentenceAbout(String name, InvalidInputException e) {
        String message = e.getMessage();
        assertTrue(message.startsWith("Checkpoint file '" + name + "' "), message);
        assertTrue(message.endsWith("."), message);
        assertFalse(message.contains("\n"), message);
    }
}
