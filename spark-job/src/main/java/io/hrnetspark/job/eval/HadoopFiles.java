package io.hrnetspark.job.eval;

import io.hrnetspark.model.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Reading and writing files through Hadoop's file systems (file:, hdfs:, s3a:, ...). */
final class HadoopFiles {

    private HadoopFiles() {
    }

    static InputStream open(SparkSession spark, String location) {
        Path path = new Path(location);
        try {
            return fileSystem(spark, path).open(path);
        } catch (FileNotFoundException e) {
            throw new InvalidInputException("File " + location + " does not exist; check the path.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    static boolean isDirectory(SparkSession spark, String location) {
        Path path = new Path(location);
        try {
            return fileSystem(spark, path).getFileStatus(path).isDirectory();
        } catch (FileNotFoundException e) {
            throw new InvalidInputException(location + " does not exist; give a COCO results JSON file"
                    + " or a predictions directory.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    /** Creates (or replaces) a file, creating its parent directories. */
    static OutputStream create(SparkSession spark, Path path) {
        try {
            return fileSystem(spark, path).create(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    private static FileSystem fileSystem(SparkSession spark, Path path) throws IOException {
        return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }
}
