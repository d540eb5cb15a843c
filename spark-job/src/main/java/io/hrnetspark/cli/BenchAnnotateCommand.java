package io.hrnetspark.cli;

import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.annotate.AnnotateBenchmark;
import io.hrnetspark.job.inference.PredictorFactory;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark bench annotate}: the annotate job end to end against the network alone. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Annotates N generated images on Spark (default local[2]) and prints images/s and crops/s "
                + "end to end, and the crops/s of the same network alone (same config, weights, flip test, batch size)."})
public final class BenchAnnotateCommand implements Callable<Integer> {

    private final PredictorFactory factory;

    @Spec
    CommandSpec spec;

    @Option(names = "--images", defaultValue = "200", paramLabel = "N", description = "Images to generate (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--config", required = true, paramLabel = "C.yaml", description = "Official experiment YAML.")
    String config;

    @Option(names = "--weights", paramLabel = "W.pth", description = "Official checkpoint (default: random weights).")
    String weights;

    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N", description = "Network samples per forward pass: crops and, with the flip test, their mirror images (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--width", defaultValue = "640", paramLabel = "W", description = "Image width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "480", paramLabel = "H", description = "Image height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--max-people", defaultValue = "3", paramLabel = "K", description = "People per image 1..K (default ${DEFAULT-VALUE}).")
    int maxPeople;

    @Option(names = "--warmup-images", defaultValue = "32", paramLabel = "N",
            description = "Other images annotated first and not counted, so that the measured run finds the network"
                    + " built and the job's code compiled, as the model-only figure does after its warm-up pass"
                    + " (default ${DEFAULT-VALUE}; 0 for none).")
    int warmupImages;

    @Option(names = "--model-batches", defaultValue = "8", paramLabel = "B",
            description = "Forward passes timed for the model-only figure (default ${DEFAULT-VALUE}).")
    int modelBatches;

    @Option(names = "--work-dir", defaultValue = "runs/bench-annotate", paramLabel = "DIR",
            description = "Where the images and the job's output go (default ${DEFAULT-VALUE}).")
    String workDir;

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL", description = "Spark master (default ${DEFAULT-VALUE}).")
    String master;

    public BenchAnnotateCommand(PredictorFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        if (images < 1 || batchSize < 1 || modelBatches < 1 || maxPeople < 1 || warmupImages < 0 || width < 32
                || height < 32) {
            throw new InvalidInputException("bench annotate needs --images, --batch-size, --model-batches and"
                    + " --max-people of at least 1, --warmup-images of at least 0 and images of at least 32x32 pixels.");
        }
        try (SparkSessionFactory.CommandSession spark =
                     HrnetSparkCli.startSpark("hrnet-spark bench annotate", Optional.of(master))) {
            HadoopStorage storage = new HadoopStorage(spark.session().sparkContext().hadoopConfiguration());
            AnnotateBenchmark.Result result = AnnotateBenchmark.run(spark.session(), factory,
                    new SyntheticPeople.Spec(images, width, height, maxPeople, 1), storage.qualified(workDir), config,
                    Optional.ofNullable(weights), batchSize, warmupImages, modelBatches);
            spec.commandLine().getOut().print(result.report());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
