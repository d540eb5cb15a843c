package io.hrnetspark.job.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopStorageTest {

    @TempDir
    Path dir;

    @Test
    void localFilesAreWrittenInNewFoldersWithoutChecksumSideFiles() throws Exception {
        HadoopStorage storage = new HadoopStorage(new Configuration());
        org.apache.hadoop.fs.Path target = storage.qualified(dir.resolve("report/worst/1.png").toString());

        storage.write(target, new byte[] {1, 2, 3});
        storage.write(target, new byte[] {4, 5});

        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(dir.resolve("report/worst/1.png")));
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("1.png"), names);
        }
    }
}
