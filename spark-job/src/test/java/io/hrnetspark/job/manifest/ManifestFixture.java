package io.hrnetspark.job.manifest;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Reads manifests from JSON text in a folder, on one local Spark session shared by the manifest tests. */
final class ManifestFixture {

    private static SparkSession spark;

    private final Path dir;
    private final HadoopStorage storage = new HadoopStorage(new org.apache.hadoop.conf.Configuration());
    private int stagings;

    ManifestFixture(Path dir) {
        this.dir = dir;
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = TestSpark.start("local[2]");
        }
        return spark;
    }

    String write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Manifest read(Path imagesRoot, Optional<String> annotations, BoxSource boxes) {
        return new ManifestReader(spark(), storage).read(storage.qualified(imagesRoot.toString()), annotations, boxes,
                storage.qualified(dir.resolve("staging-" + stagings++).toString()));
    }

    Manifest groundTruth(String json) {
        return read(dir, Optional.of(write("gt.json", json)), BoxSource.GroundTruth.official());
    }

    String path(String name) {
        return dir.resolve(name).toString();
    }

    static List<ImageTask> tasks(Manifest manifest) {
        return manifest.tasks().orderBy("image_id").collectAsList().stream().map(ManifestTable::task).toList();
    }
}
