package io.hrnetspark.job.annotate;

import io.hrnetspark.job.output.CommitListener;
import io.hrnetspark.job.testing.AnnotateOptionsBuilder;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * An annotate run in its own JVM, for tests that kill it: {@code --stop-at POINT} makes it write
 * {@code CONTROL/stopped} when it reaches the point and then wait to be killed. Points:
 * {@code before:CHUNK:TABLE} and {@code after:CHUNK:TABLE} around a table commit, {@code inference:N}
 * at the N-th forward pass; with a {@code +MILLIS} suffix it writes the marker and goes on (the test
 * kills it that long after, somewhere inside the commit). Writes {@code CONTROL/finished} when done.
 */
public final class AnnotateProcess {

    private AnnotateProcess() {
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        Path control = Files.createDirectories(Path.of(args.get("control")));
        String stopAt = args.getOrDefault("stop-at", "none");
        String point = stopAt.replaceFirst("\\+\\d+$", "");
        boolean goOn = !point.equals(stopAt);
        Runnable stop = () -> {
            try {
                Files.writeString(control.resolve("stopped"), stopAt);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!goOn) {
                sleepForever();
            }
        };
        CommitListener listener = new CommitListener() {
            @Override
            public void beforeCommit(int chunk, String table) {
                if (point.equals("before:" + chunk + ":" + table)) {
                    stop.run();
                }
            }

            @Override
            public void afterCommit(int chunk, String table, long version) {
                if (point.equals("after:" + chunk + ":" + table)) {
                    stop.run();
                }
            }
        };
        BoxEchoModelFactory factory = point.startsWith("inference:")
                ? BoxEchoModelFactory.stoppingAt(Integer.parseInt(point.substring("inference:".length())),
                        control.resolve("stopped").toString())
                : BoxEchoModelFactory.plain();
        SparkSession spark = TestSpark.start("local[2]");
        AnnotateResult result = new AnnotateJob(spark, factory, listener).run(
                AnnotateOptionsBuilder.of(args.get("images"), args.get("config"), args.get("output"))
                        .annotations(args.get("annotations"))
                        .commitEvery(Integer.valueOf(args.get("commit-every")))
                        .batchSize(2)
                        .build());
        Files.writeString(control.resolve("finished"), result.run().runId());
        spark.stop();
        System.exit(0);
    }

    static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
