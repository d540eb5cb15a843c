package io.hrnetspark.job.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;

/**
 * An S3-compatible server for tests (Adobe S3Mock, its executable jar copied to target/ by Maven),
 * started as its own JVM on 127.0.0.1 with one bucket, and the S3A settings that reach it.
 */
public final class S3MockServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    public S3MockServer(Path workDir, String bucket) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock-exec.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("S3Mock jar " + jar + " is missing; Maven copies it in generate-test-resources");
        }
        port = freePort();
        log = workDir.resolve("s3mock.log");
        process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-jar", jar.toString(), "--server.address=127.0.0.1", "--com.adobe.testing.s3mock.httpPort=" + port,
                "--server.port=" + freePort(), "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
                "--com.adobe.testing.s3mock.store.root=" + Files.createDirectories(workDir.resolve("s3mock-store")),
                "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Spark settings for S3A against this server (any access key works). */
    public SparkConf configure(SparkConf conf) {
        return conf.set("spark.hadoop.fs.s3a.endpoint", endpoint())
                .set("spark.hadoop.fs.s3a.path.style.access", "true")
                .set("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
                .set("spark.hadoop.fs.s3a.access.key", "test-access-key")
                .set("spark.hadoop.fs.s3a.secret.key", "test-secret-key")
                .set("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
                .set("spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited:\n" + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("S3Mock did not start within 120 s:\n" + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
