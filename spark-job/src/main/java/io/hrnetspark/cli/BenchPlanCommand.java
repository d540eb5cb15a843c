package io.hrnetspark.cli;

import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.annotate.PlanningBenchmark;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark bench plan}: planning an annotate run over a generated annotation file of N images. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plans an annotate run over a generated COCO annotation file of N images and prints "
                + "the time of each step and the driver's peak heap."})
public final class BenchPlanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "N", description = "Images in the annotation file.")
    private long images;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "Where the annotation file and the staged plan go (10M images take about 5 GB).")
    private Path dir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]).")
    private String master;

    @Override
    public Integer call() throws IOException {
        if (images < 1) {
            throw new InvalidInputException("--images must be at least 1.");
        }
        Files.createDirectories(dir);
        try (SparkSessionFactory.CommandSession session =
                     HrnetSparkCli.startSpark("hrnet-spark bench plan", Optional.ofNullable(master))) {
            PlanningBenchmark.run(session.session(), images, dir, spec.commandLine().getOut());
        }
        return 0;
    }
}
