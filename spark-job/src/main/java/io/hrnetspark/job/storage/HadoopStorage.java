package io.hrnetspark.job.storage;

import io.hrnetspark.model.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Files on any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}, ...), with the
 * settings of one Hadoop configuration (on Spark: the {@code spark.hadoop.*} settings).
 */
public final class HadoopStorage {

    private final Configuration conf;

    public HadoopStorage(Configuration conf) {
        this.conf = conf;
    }

    /**
     * Storage with the Hadoop settings a Spark session started in this JVM would have ({@code spark.hadoop.*}
     * properties, the environment's S3 credentials), for commands that read without starting one.
     */
    public static HadoopStorage withoutSpark() {
        return new HadoopStorage(SparkHadoopUtil.get().newConfiguration(new SparkConf()));
    }

    /**
     * A file the driver reads (config, weights, annotations, detections): a path without a scheme that
     * names an existing local file is that local file, anything else a path of the default file system.
     */
    public Path driverFile(String location) {
        if (new Path(location).toUri().getScheme() == null && Files.isRegularFile(java.nio.file.Path.of(location))) {
            return new Path(java.nio.file.Path.of(location).toAbsolutePath().toUri());
        }
        return qualified(location);
    }

    /** The path with its file system made explicit, so executors resolve it the same way as the driver. */
    public Path qualified(String location) {
        Path path = new Path(location);
        try {
            return path.getFileSystem(conf).makeQualified(path);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot open the file system of " + location + ": " + e.getMessage() + ".", e);
        }
    }

    public FileSystem fileSystem(Path path) throws IOException {
        return path.getFileSystem(conf);
    }

    public boolean exists(Path path) {
        try {
            return fileSystem(path).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check " + path, e);
        }
    }

    /** Whether the path is a directory; a missing path is a {@link FileNotFoundException}. */
    public boolean isDirectory(Path path) throws IOException {
        return fileSystem(path).getFileStatus(path).isDirectory();
    }

    public InputStream open(Path path) throws IOException {
        return fileSystem(path).open(path);
    }

    /** The whole file; a missing file is a {@link FileNotFoundException}. */
    public byte[] readAll(Path path) throws IOException {
        return read(path).bytes();
    }

    /** The whole file with its size and modification time; a missing file is a {@link FileNotFoundException}. */
    public StoredFile read(Path path) throws IOException {
        FileSystem fs = fileSystem(path);
        FileStatus status = fs.getFileStatus(path);
        if (status.isDirectory()) {
            throw new FileNotFoundException(path + " is a directory, not a file");
        }
        if (status.getLen() > Integer.MAX_VALUE - 16) {
            throw new IOException(path + " is larger than 2 GB");
        }
        try (FSDataInputStream in = fs.open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) status.getLen());
            in.transferTo(out);
            return new StoredFile(out.toByteArray(), new FileVersion(status.getLen(), status.getModificationTime()));
        }
    }

    /** The file's current size and modification time; a missing file is a {@link FileNotFoundException}. */
    public FileVersion version(Path path) throws IOException {
        FileStatus status = fileSystem(path).getFileStatus(path);
        return new FileVersion(status.getLen(), status.getModificationTime());
    }

    /**
     * Hands each file under {@code root} (recursively) whose name passes {@code accept} to {@code each}, as a
     * path relative to the root with '/' separators, in listing order, without holding the listing.
     */
    public void forEachRelative(Path root, Predicate<String> accept, Consumer<String> each) throws IOException {
        FileSystem fs = fileSystem(root);
        Path qualifiedRoot = fs.makeQualified(root);
        String prefix = qualifiedRoot.toUri().getPath();
        String rootPrefix = prefix.endsWith("/") ? prefix : prefix + "/";
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualifiedRoot, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (accept.test(file.getName())) {
                String path = file.toUri().getPath();
                each.accept(path.startsWith(rootPrefix) ? path.substring(rootPrefix.length()) : file.getName());
            }
        }
    }

    /**
     * Creates (or replaces) a file, creating its parent directories. Local files are written without
     * Hadoop's {@code .crc} side files, since people open these (PNG, HTML, JSON) directly.
     */
    public OutputStream create(Path path) throws IOException {
        FileSystem fs = fileSystem(path);
        if (fs instanceof LocalFileSystem local) {
            return local.getRawFileSystem().create(path, true);
        }
        return fs.create(path, true);
    }

    public void write(Path path, byte[] bytes) throws IOException {
        try (OutputStream out = create(path)) {
            out.write(bytes);
        }
    }

    public Configuration conf() {
        return conf;
    }
}
