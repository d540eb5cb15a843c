package io.hrnetspark.model.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Prints how long loading a synthetic checkpoint of HRNet-W32 size (about 110 MB of float32 in
 * 1,700 tensors) takes in both formats, next to plainly reading the file. Not a test; run with
 * {@code java -cp <test classpath> io.hrnetspark.model.weights.CheckpointLoadBenchmark [MB]}.
 */
public final class CheckpointLoadBenchmark {

    private CheckpointLoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 110;
        int tensors = 1700;
        int floatsPerTensor = megabytes * 1_000_000 / 4 / tensors;
        Random random = new Random(1);
        byte[] storage = new byte[floatsPerTensor * 4];
        random.nextBytes(storage);

        Map<String, byte[]> storages = new LinkedHashMap<>();
        Map<String, Long> numels = new LinkedHashMap<>();
        PickleBuilder legacyPickle = new PickleBuilder().proto(2).orderedDict().mark();
        PickleBuilder zipPickle = new PickleBuilder().proto(2).orderedDict().mark();
        for (int i = 0; i < tensors; i++) {
            String key = String.valueOf(i);
            long[] shape = {floatsPerTensor / 9, 1, 3, 3};
            long[] stride = {9, 9, 3, 1};
            legacyPickle.str("stage.block" + i + ".weight").tensor("FloatStorage", key, floatsPerTensor, 0, shape,
                    stride, true, null);
            zipPickle.str("stage.block" + i + ".weight").tensor("FloatStorage", key, floatsPerTensor, 0, shape,
                    stride, false, null);
            storages.put(key, storage);
            numels.put(key, (long) floatsPerTensor);
        }
        Path dir = Files.createTempDirectory("checkpoint-benchmark");
        Path legacy = Files.write(dir.resolve("legacy.pth"),
                CheckpointBytes.legacy(legacyPickle.setItems().stop().bytes(), storages, numels, true));
        Path zip = Files.write(dir.resolve("zip.pth"),
                CheckpointBytes.zip("zip", zipPickle.setItems().stop().bytes(), storages, "little"));
        try {
            for (int round = 0; round < 4; round++) {
                for (Path file : new Path[] {legacy, zip}) {
                    long t0 = System.nanoTime();
                    byte[] bytes = Files.readAllBytes(file);
                    long t1 = System.nanoTime();
                    StateDict stateDict = TorchCheckpoint.load(file);
                    long t2 = System.nanoTime();
                    double checksum = 0;
                    for (Map.Entry<String, TensorData> entry : stateDict.entries()) {
                        checksum += entry.getValue().toFloatArray()[0];
                    }
                    long t3 = System.nanoTime();
                    String sha = TorchCheckpoint.sha256(bytes);
                    long t4 = System.nanoTime();
                    System.out.printf("round %d %-10s %6.1f MB  read %5.0f ms  load %5.0f ms"
                                    + "  load+toFloatArray %5.0f ms  sha256 %5.0f ms  (%d tensors, %s..., %.1f)%n",
                            round, file.getFileName(), bytes.length / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                            (t3 - t1) / 1e6, (t4 - t3) / 1e6, stateDict.size(), sha.substring(0, 8), checksum);
                }
            }
        } finally {
            Files.delete(legacy);
            Files.delete(zip);
            Files.delete(dir);
        }
    }
}
