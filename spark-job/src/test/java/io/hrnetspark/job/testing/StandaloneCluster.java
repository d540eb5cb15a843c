package io.hrnetspark.job.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster for tests, without a Spark distribution: a master and workers, each
 * its own JVM on 127.0.0.1, run from the test classpath's Maven jars (linked into a temporary
 * {@code SPARK_HOME/jars}). Each worker may declare one fake GPU through its own discovery script.
 * Executors get the test's class directories on their classpath.
 */
public final class StandaloneCluster implements AutoCloseable {

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;
    private final String classDirectories;

    /**
     * @param gpuAddresses one entry per worker: the GPU address it declares, or null for none
     */
    public StandaloneCluster(Path home, List<String> gpuAddresses) throws IOException, InterruptedException {
        this.home = home;
        Path jars = Files.createDirectories(home.resolve("spark-home/jars"));
        List<String> directories = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                directories.add(path.toAbsolutePath().toString());
            } else if (entry.endsWith(".jar") && Files.exists(path)) {
                Path link = jars.resolve(path.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, path.toAbsolutePath());
                }
            }
        }
        this.classDirectories = String.join(File.pathSeparator, directories);
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        for (int i = 0; i < gpuAddresses.size(); i++) {
            Path properties = home.resolve("worker-" + i + ".properties");
            StringBuilder conf = new StringBuilder();
            if (gpuAddresses.get(i) != null) {
                Path script = home.resolve("gpu-discovery-" + i + ".sh");
                Files.writeString(script, "#!/usr/bin/env bash\necho '{\"name\":\"gpu\",\"addresses\":[\""
                        + gpuAddresses.get(i) + "\"]}'\n");
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                conf.append("spark.worker.resource.gpu.amount 1\n")
                        .append("spark.worker.resource.gpu.discoveryScript ").append(script).append('\n');
            }
            Files.writeString(properties, conf.toString());
            start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "1500m", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", Files.createDirectories(home.resolve("work-" + i)).toString(),
                    "--properties-file", properties.toString(), masterUrl));
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** The test's class directories (target/classes, target/test-classes, ...), for executors. */
    public String classDirectories() {
        return classDirectories;
    }

    private void start(String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.addAll(TestJvm.options());
        command.add("-cp");
        command.add(home.resolve("spark-home/jars").toAbsolutePath() + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.resolve("spark-home").toAbsolutePath().toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_NUM_THREADS", "1");
        processes.add(builder.start());
    }

    /** The logs of the cluster's JVMs, for failure messages. */
    public String logs() {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().map(p -> {
                try {
                    List<String> lines = Files.readAllLines(p);
                    return "== " + p.getFileName() + "\n" + String.join("\n",
                            lines.subList(Math.max(0, lines.size() - 40), lines.size()));
                } catch (IOException e) {
                    return "== " + p.getFileName() + ": " + e;
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
