package io.hrnetspark.model.weights;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads official PyTorch checkpoints ({@code .pth}) without Python and without running anything
 * they contain.
 *
 * <p>Formats: the ZIP container of torch >= 1.6 and the legacy format before it (in which the
 * released HRNet checkpoints were saved). Layouts: a plain state dict, a training checkpoint
 * {@code {'state_dict': ..., 'epoch': ..., 'optimizer': ...}}, {@code module.} prefixes of
 * {@code DataParallel}, and the segmentation training layout ({@code model.} + network key, plus
 * loss entries, which are left out and listed in {@link StateDict#droppedKeys()}).
 *
 * <p>Safety: the unpickler knows a fixed list of globals (tensor rebuild functions, storage types,
 * {@code OrderedDict}) and refuses any other before anything could run; every size in the file is
 * checked against the file's length before it is used, so a checkpoint can neither run code nor
 * make the reader allocate more than the file's own size. Every problem with the file ends in an
 * {@link InvalidInputException} naming it.
 */
public final class TorchCheckpoint {

    private TorchCheckpoint() {
    }

    /** Loads the state dict of the checkpoint at {@code file}. */
    public static StateDict load(Path file) {
        return load(readAll(file), file.toString());
    }

    /**
     * Loads the state dict of a checkpoint held in memory (e.g. broadcast to Spark executors). The
     * returned tensors read {@code bytes} lazily, so the array must not change afterwards.
     *
     * @param sourceName names the checkpoint in messages (its path or URI)
     */
    public static StateDict load(byte[] bytes, String sourceName) {
        CheckpointFile file = new CheckpointFile(sourceName, ByteBuffer.wrap(bytes));
        try {
            return StateDictLayout.stateDict(file, unpickle(file));
        } catch (IndexOutOfBoundsException | BufferUnderflowException | ArithmeticException e) {
            throw file.damaged("an offset or size points outside the file: " + e.getMessage());
        }
    }

    /** Lower-case hex SHA-256 of the file's bytes, as recorded in run metadata. */
    public static String sha256(Path file) {
        MessageDigest digest = sha256Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lower-case hex SHA-256 of {@code bytes}; equals {@link #sha256(Path)} of a file holding them. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static UnpickledCheckpoint unpickle(CheckpointFile file) {
        if (StoredZip.startsLikeZip(file)) {
            return ZipCheckpointReader.read(file);
        }
        if (LegacyCheckpointReader.startsLikePickle(file)) {
            return LegacyCheckpointReader.read(file);
        }
        if (isTar(file)) {
            throw file.refused("uses the tar format of PyTorch 0.3 and older, which this reader does not support; "
                    + "load it with torch and re-save it with torch.save(model.state_dict(), path).");
        }
        throw file.refused("is not a PyTorch checkpoint (it starts with neither a ZIP header nor a pickle); pass "
                + "the .pth file written by torch.save.");
    }

    private static boolean isTar(CheckpointFile file) {
        byte[] magic = "ustar".getBytes(StandardCharsets.US_ASCII);
        if (file.length() < 257 + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (file.bytes().get(257 + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readAll(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("Checkpoint path '" + file + "' is a directory; pass the .pth file "
                    + "itself.");
        }
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException("Checkpoint file '" + file + "' is larger than 2 GiB, which this "
                        + "reader does not support; save only the weights with torch.save(model.state_dict(), path).");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static InvalidInputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException("Checkpoint file '" + file + "' does not exist; check the path of "
                    + "the weights file.", e);
        }
        if (e instanceof AccessDeniedException) {
            return new InvalidInputException("Checkpoint file '" + file + "' cannot be read (permission denied); "
                    + "check its permissions.", e);
        }
        return new InvalidInputException("Checkpoint file '" + file + "' cannot be read (" + e.getMessage()
                + "); check the path and the disk.", e);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256.", e);
        }
    }
}
