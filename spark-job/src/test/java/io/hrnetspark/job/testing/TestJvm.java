package io.hrnetspark.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A child JVM on the test classpath (with the JVM options Spark needs), its output in a log file. */
public final class TestJvm {

    private final Process process;
    private final Path log;

    private TestJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static TestJvm start(Class<?> main, List<String> args, Path log) throws IOException {
        return start(main, args, log, List.of());
    }

    /** @param jvmOptions after the defaults, so they win (e.g. another -Xmx) */
    public static TestJvm start(Class<?> main, List<String> args, Path log, List<String> jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx1g");
        command.addAll(options());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("OMP_NUM_THREADS", "1");
        return new TestJvm(builder.start(), log);
    }

    /** The options the build gives child JVMs: the module opens Spark needs on Java 17, and their JIT setting. */
    static List<String> options() {
        return Stream.of("hrnet.test.java17Opens", "hrnet.test.childJit")
                .flatMap(property -> Stream.of(System.getProperty(property, "").split(" ")))
                .filter(s -> !s.isBlank()).toList();
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook, no finally block runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
