package io.hrnetspark.cli;

import io.hrnetspark.model.net.Precision;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every single-image command shares: model config, checkpoint, image, output file and precision. */
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

    @Option(names = "--precision", paramLabel = "fp32|bf16", defaultValue = "fp32", converter = PrecisionOption.class,
            description = "The network's arithmetic: fp32, or bf16 (bfloat16 convolutions with float32 "
                    + "accumulation; needs a CPU with AVX512-BF16 or AMX; decoding stays fp32) "
                    + "(default: ${DEFAULT-VALUE}).")
    Precision precision;

    /** {@code ", bf16"} for a summary line when the network ran in another precision than fp32, else nothing. */
    String precisionNote() {
        return precision == Precision.FP32 ? "" : ", " + PrecisionOption.spelling(precision);
    }
}
