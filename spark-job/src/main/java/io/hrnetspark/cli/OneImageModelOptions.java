package io.hrnetspark.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every single-image command shares: model config, checkpoint, image and output file. */
final class OneImageModelOptions {

    @Option(names = "--config", required = true, paramLabel = "C.yaml",
            description = "Official experiment YAML of the command's model type (see conf/models/).")
    Path config;

    @Option(names = "--weights", required = true, paramLabel = "W.pth",
            description = "The PyTorch checkpoint trained with that config (plain, DataParallel or training checkpoint).")
    Path weights;

    @Option(names = "--image", required = true, paramLabel = "I.jpg", description = "The image (JPEG, PNG, ...).")
    Path image;

    @Option(names = "--output", required = true, paramLabel = "OUT.json",
            description = "Where to write the results (JSON).")
    Path output;
}
