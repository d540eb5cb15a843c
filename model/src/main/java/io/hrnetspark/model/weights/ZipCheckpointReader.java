package io.hrnetspark.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the checkpoint container of torch >= 1.6: a stored ZIP with {@code <folder>/data.pkl} (the
 * pickled object, storages as persistent ids {@code ('storage', type, key, location, numel)}),
 * {@code <folder>/data/<key>} (each storage's raw bytes) and, since torch 2.1,
 * {@code <folder>/byteorder}. The folder name is arbitrary (torch uses the file's stem).
 */
final class ZipCheckpointReader {

    private static final String DATA_PKL = "data.pkl";

    private ZipCheckpointReader() {
    }

    static UnpickledCheckpoint read(CheckpointFile file) {
        StoredZip zip = StoredZip.read(file);
        String folder = folderOfDataPkl(file, zip.names());
        if (zip.contains(folder + "constants.pkl")
                || zip.names().stream().anyMatch(name -> name.startsWith(folder + "code/"))) {
            throw file.refused("is a TorchScript archive (torch.jit.save), which holds code rather than a state "
                    + "dict; save the weights with torch.save(model.state_dict(), path).");
        }
        ByteOrder order = byteOrder(file, zip, folder);
        ByteBuffer pickle = zip.data(folder + DATA_PKL).orElseThrow();
        String where = Pickled.shown(folder + DATA_PKL);
        Object root = new PickleReader(file, pickle, where, 0, id -> storageRef(file, id)).read();
        return new UnpickledCheckpoint(root, ref -> storageBytes(file, zip, folder, ref, order));
    }

    /** The folder prefix ("" or "name/") of the archive's single top-level data.pkl. */
    private static String folderOfDataPkl(CheckpointFile file, List<String> names) {
        List<String> candidates = names.stream()
                .filter(name -> name.endsWith(DATA_PKL))
                .map(name -> name.substring(0, name.length() - DATA_PKL.length()))
                .filter(folder -> folder.isEmpty() || folder.indexOf('/') == folder.length() - 1)
                .toList();
        if (candidates.isEmpty()) {
            throw file.refused("is a ZIP archive but not a PyTorch checkpoint (it has no data.pkl); pass the .pth "
                    + "file written by torch.save.");
        }
        if (candidates.size() > 1) {
            throw file.refused("is a ZIP archive with several data.pkl entries"
                    + ", so it is not one PyTorch checkpoint; pass the .pth file written by torch.save.");
        }
        return candidates.get(0);
    }

    private static ByteOrder byteOrder(CheckpointFile file, StoredZip zip, String folder) {
        return zip.data(folder + "byteorder").map(record -> {
            byte[] text = new byte[record.remaining()];
            record.get(text);
            return switch (new String(text, StandardCharsets.US_ASCII)) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw file.damaged("its byteorder record is neither 'little' nor 'big'");
            };
        }).orElse(ByteOrder.LITTLE_ENDIAN);
    }

    private static Pickled.StorageRef storageRef(CheckpointFile file, Object persistentId) {
        if (!(persistentId instanceof Pickled.Tuple id) || id.size() != 5 || !"storage".equals(id.get(0))
                || !(id.get(1) instanceof TorchDtype dtype) || !(id.get(4) instanceof Long numel)) {
            throw file.damaged("data.pkl holds a persistent id that is not ('storage', type, key, location, numel)");
        }
        String key = Pickled.StorageRef.key(file, id.get(2));
        if (numel < 0 || numel > file.length() / dtype.elementSize()) {
            throw file.damaged("storage '" + Pickled.shown(key) + "' claims " + numel + " elements of "
                    + dtype.elementSize() + " bytes but the file has only " + file.length() + " bytes");
        }
        return new Pickled.StorageRef(key, dtype, 0, numel);
    }

    private static ByteBuffer storageBytes(CheckpointFile file, StoredZip zip, String folder,
                                           Pickled.StorageRef ref, ByteOrder order) {
        String name = folder + "data/" + ref.key();
        String entry = "the entry '" + Pickled.shown(name) + "'";
        ByteBuffer record = zip.data(name).orElseThrow(() -> file.damaged(entry + " is missing"));
        long needed = ref.numel() * ref.dtype().elementSize();
        if (record.capacity() < needed) {
            throw file.damaged(entry + " holds " + record.capacity() + " bytes but its storage declares " + needed);
        }
        return record.slice(0, (int) needed).order(order);
    }
}
