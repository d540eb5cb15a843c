package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.SparkSessionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.spark.api.plugin.SparkPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts in submit-scripts/ and the Spark settings in conf/spark/ agree with the code. */
class SubmitScriptsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    private Path executable(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path file = Files.writeString(bin.resolve(name), "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void submitWithoutSparkSaysWhatToInstall() throws Exception {
        Path jar = Files.write(dir.resolve("hrnet-spark.jar"), new byte[0]);
        Process process = new ProcessBuilder("env", "-u", "SPARK_HOME", "PATH=/usr/bin:/bin",
                "HRNET_SPARK_JAR=" + jar, ROOT.resolve("submit-scripts/submit.sh").toString(), "--", "annotate")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.waitFor(), output);
        assertEquals("submit.sh: spark-submit not found: install Apache Spark 3.5 (Scala 2.12) and put its bin/ on PATH"
                + " or set SPARK_HOME; to run on this machine without Spark, use submit-scripts/hrnet-spark.\n", output);
    }

    @Test
    void gpuDiscoveryReportsCudaIndices() throws Exception {
        String script = ROOT.resolve("submit-scripts/gpu-discovery.sh").toString();
        executable("nvidia-smi", "printf '0\\n1\\n2\\n'\n");
        String path = dir.resolve("bin") + ":" + System.getenv("PATH");
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\", \"2\"]}\n",
                run(Map.of("PATH", path), "env", "-u", "CUDA_VISIBLE_DEVICES", "bash", script));
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}\n",
                run(Map.of("PATH", path, "CUDA_VISIBLE_DEVICES", "5,7"), "bash", script));
        assertEquals("{\"name\": \"gpu\", \"addresses\": []}\n",
                run(Map.of("PATH", "/usr/bin:/bin"), "env", "-u", "CUDA_VISIBLE_DEVICES", "bash", script));
    }

    @Test
    void submitPassesPropertiesJava17OptionsAndTheCommand() throws Exception {
        Path args = dir.resolve("args.txt");
        executable("spark-submit", "printf '%s\\n' \"$@\" > " + args + "\n");
        Path jar = Files.write(dir.resolve("hrnet-spark.jar"), new byte[0]);
        Path classpath = Files.writeString(dir.resolve("cp.txt"), "");
        run(Map.of("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"), "HRNET_SPARK_JAR", jar.toString(),
                        "HRNET_SPARK_CLASSPATH_FILE", classpath.toString()),
                "env", "-u", "SPARK_HOME", ROOT.resolve("submit-scripts/submit.sh").toString(),
                "--master", "spark://head:7077", "--properties-file", "conf/spark/standalone.conf",
                "--", "annotate", "--images", "hdfs:///coco/val2017");
        List<String> lines = Files.readAllLines(args);
        List<String> project = new ArrayList<>();
        Properties standalone = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve("conf/spark/standalone.conf"))) {
            standalone.load(in);
        }
        for (int i = 0; i < 2 * standalone.size(); i += 2) {
            assertEquals("--conf", lines.get(i));
            String[] setting = lines.get(i + 1).split("=", 2);
            assertEquals(standalone.getProperty(setting[0]), setting[1], lines.get(i + 1));
            project.add(setting[0]);
        }
        assertEquals(standalone.stringPropertyNames(), new java.util.TreeSet<>(project));
        lines = lines.subList(2 * standalone.size(), lines.size());
        assertEquals("--conf", lines.get(0));
        String java17 = String.join(" ", Files.readAllLines(ROOT.resolve("conf/java17-options")));
        assertEquals("spark.driver.defaultJavaOptions=" + java17 + " -Dlog4j2.configurationFile="
                + ROOT.resolve("conf/log4j2.properties"), lines.get(1));
        assertEquals("spark.executor.defaultJavaOptions=" + java17, lines.get(3));
        assertEquals(List.of("--class", HrnetSparkCli.class.getName(), "--master", "spark://head:7077",
                jar.toString(), "annotate", "--images", "hdfs:///coco/val2017"), lines.subList(4, lines.size()));
    }

    @Test
    void java17OptionsAreTheOnesTheBuildTestsWith() throws IOException {
        List<String> options = Files.readAllLines(ROOT.resolve("conf/java17-options"));
        assertEquals(String.join(" ", options), System.getProperty("hrnet.test.java17Opens"));
    }

    @Test
    void sparkSettingsNameRealPluginsAndConsistentGpuAmounts() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> confs = Files.list(ROOT.resolve("conf/spark"))) {
            confs.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(files::add);
        }
        assertEquals(7, files.size(), files.toString());
        for (Path file : files) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            String plugins = properties.getProperty("spark.plugins", "");
            assertTrue(plugins.contains(SparkSessionFactory.withExecutorPlugin(new org.apache.spark.SparkConf())
                    .get("spark.plugins")), file + " registers the executor plugin");
            for (String plugin : plugins.split(",")) {
                assertTrue(SparkPlugin.class.isAssignableFrom(loadClass(plugin.trim())), plugin);
            }
            boolean gpu = file.getFileName().toString().contains("gpu");
            assertEquals(gpu, properties.containsKey("spark.executor.resource.gpu.amount"), file.toString());
            if (gpu) {
                double perTask = Double.parseDouble(properties.getProperty("spark.task.resource.gpu.amount"));
                int cores = Integer.parseInt(properties.getProperty("spark.executor.cores"));
                assertEquals(1.0, perTask * cores, 1e-9, file + ": every core's task gets a share of the GPU");
            }
        }
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("No class " + name, e);
        }
    }
}
