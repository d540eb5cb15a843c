package io.hrnetspark.cli;

import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.eval.EvaluationBenchmark;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark bench evaluate}: keypoint evaluation on a generated set of a given size. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Generates a synthetic COCO keypoint set and prints load time, evaluate wall"
                + " time (Spark and one thread) and peak heap.")
public final class BenchEvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "N", description = "Number of images.")
    private int images;

    @Option(names = "--people", required = true, paramLabel = "M",
            description = "Number of ground-truth people.")
    private int people;

    @Option(names = "--detections", required = true, paramLabel = "D", description = "Number of detections.")
    private int detections;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default 1).")
    private long seed;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep the generated gt.json and results.json in DIR (default: a temporary directory).")
    private Path dir;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not run by spark-submit (default local[*]).")
    private String master;

    @Override
    public Integer call() throws IOException {
        if (images < 1 || people < 1 || detections < 1) {
            throw new InvalidInputException("--images, --people and --detections must be at least 1.");
        }
        Path target = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hrnet-bench-");
        try (SparkSessionFactory.CommandSession session =
                     HrnetSparkCli.startSpark("hrnet-spark bench evaluate", Optional.ofNullable(master))) {
            EvaluationBenchmark.run(session.session(),
                    new EvaluationBenchmark.Size(images, people, detections), seed, target,
                    spec.commandLine().getOut());
        } finally {
            if (dir == null) {
                delete(target);
            }
        }
        return 0;
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
