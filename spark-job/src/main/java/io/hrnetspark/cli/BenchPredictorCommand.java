package io.hrnetspark.cli;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.ModelBenchmark;
import io.hrnetspark.model.pose.BottomUpPose;
import io.hrnetspark.model.pose.BottomUpPoseEstimator;
import io.hrnetspark.model.pose.ImageBoxes;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.TopDownPerson;
import io.hrnetspark.model.pose.TopDownPoseEstimator;
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.predict.PredictorBenchmark;
import io.hrnetspark.model.seg.LabelMap;
import io.hrnetspark.model.seg.SemanticSegmenter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.BiPredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark bench predictor}: a head's batch predictor end to end on generated images, random weights. */
@Command(name = "predictor", mixinStandardHelpOptions = true,
        description = {"Runs the batch predictor of an experiment config (top-down, bottom-up or segmentation, "
                + "by MODEL.NAME) with random weights over generated images, prepare -> batched forward passes -> "
                + "decode on one thread, and prints images/s per batch size with the share of pre-processing, "
                + "network and decoding (bottom-up: aggregation and grouping), the executor's buffers, the peak "
                + "resident memory, and whether every batch size gives the results of the first.",
                "Threads follow OMP_NUM_THREADS unless --threads is given; on a busy machine also set "
                        + "OMP_WAIT_POLICY=PASSIVE."})
final class BenchPredictorCommand implements Callable<Integer>, RunsNetworkHere {

    private static final long SEED = 42;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "C.yaml", description = "Official experiment YAML file.")
    private Path config;

    @Option(names = "--images", paramLabel = "N", defaultValue = "8",
            description = "Generated images per measurement (default: ${DEFAULT-VALUE}).")
    private int images;

    @Option(names = "--sizes", split = ",", paramLabel = "WxH,...",
            description = "Image sizes, used in turn in a seeded random order (default: 640x480 for top-down; "
                    + "640x480,480x640,640x427 for bottom-up; 2048x1024 for segmentation).")
    private List<String> sizes;

    @Option(names = "--batch-sizes", split = ",", paramLabel = "N,N,...",
            description = "Network samples per forward pass (an input and its mirror are two), one measurement "
                    + "each (default: 1,8 for pose, 1,2 for segmentation).")
    private List<Integer> batchSizes;

    @Option(names = "--boxes", paramLabel = "N", defaultValue = "8",
            description = "Top-down: person boxes per image (default: ${DEFAULT-VALUE}).")
    private int boxes;

    @Option(names = "--no-flip", description = "Skip the flip test (default: the config's TEST.FLIP_TEST).")
    private boolean noFlip;

    @Option(names = "--window", paramLabel = "N", defaultValue = "2",
            description = "Samples that may wait for a batch, in batches (default: ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Untimed passes over the images before each measurement, so that every input shape is "
                    + "planned (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for ND4J and oneDNN (default: OMP_NUM_THREADS).")
    private Integer threads;

    @Override
    public Integer call() {
        if (images < 1 || boxes < 0 || window < 1 || warmup < 0
                || batchSizes != null && batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--images, --window and --batch-sizes must be positive, --boxes and --warmup at least 0");
        }
        if (threads != null) {
            if (threads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads must be positive");
            }
            ModelBenchmark.useThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        ExperimentConfig experiment = ExperimentConfigReader.read(config);
        List<RgbImage> generated = new ArrayList<>();
        try {
            if (experiment instanceof TopDownPoseConfig topDown) {
                generated.addAll(generate(List.of("640x480")));
                List<ImageBoxes> inputs = new ArrayList<>();
                Random random = new Random(SEED);
                for (RgbImage image : generated) {
                    inputs.add(new ImageBoxes(image, boxes(random, image)));
                }
                try (TopDownPoseEstimator estimator = TopDownPoseEstimator.create(topDown, null,
                        topDown.test().flipTest() && !noFlip)) {
                    run(estimator, inputs, BenchPredictorCommand::samePersons, List.of(1, 8), out);
                }
            } else if (experiment instanceof BottomUpPoseConfig bottomUp) {
                generated.addAll(generate(List.of("640x480", "480x640", "640x427")));
                try (BottomUpPoseEstimator estimator = BottomUpPoseEstimator.create(bottomUp, null,
                        bottomUp.test().flipTest() && !noFlip)) {
                    run(estimator, generated, BenchPredictorCommand::samePeople, List.of(1, 8), out);
                }
            } else if (experiment instanceof SegmentationConfig segmentation) {
                generated.addAll(generate(List.of("2048x1024")));
                try (SemanticSegmenter segmenter = SemanticSegmenter.create(segmentation, null)) {
                    run(segmenter, generated, LabelMap::equals, List.of(1, 2), out);
                }
            } else {
                throw new ParameterException(spec.commandLine(), "Config " + config + " is a "
                        + experiment.modelName() + " experiment, which has no batch predictor here.");
            }
        } finally {
            generated.forEach(RgbImage::close);
        }
        return 0;
    }

    private <I, R> void run(BatchPredictor<I, R> predictor, List<I> inputs, BiPredicate<R, R> same,
                            List<Integer> defaultBatchSizes, PrintWriter out) {
        List<Integer> batches = batchSizes == null ? defaultBatchSizes : batchSizes;
        out.println(String.format(Locale.ROOT, "%s, %d images, batch sizes %s, window %d batches, %d warm-up pass(es), load "
                + "average %s", config.getFileName(), inputs.size(), batches, window, warmup, loadAverage()));
        out.flush();
        new PredictorBenchmark<>(predictor, new PredictorBenchmark.Options(batches, window, warmup))
                .run(inputs, same, line -> {
                    out.println(line);
                    out.flush();
                });
        out.println("load average after: " + loadAverage());
        out.flush();
    }

    /** Seeded random images of the sizes ({@code --sizes} or the head's default), in a seeded random order. */
    private List<RgbImage> generate(List<String> defaultSizes) {
        List<String> chosen = sizes == null ? defaultSizes : sizes;
        Random random = new Random(SEED);
        List<RgbImage> result = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            String size = chosen.get(i < chosen.size() ? i : random.nextInt(chosen.size()));
            String[] parts = size.toLowerCase(Locale.ROOT).split("x");
            int width;
            int height;
            try {
                width = Integer.parseInt(parts[0].trim());
                height = Integer.parseInt(parts[1].trim());
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--sizes takes WxH values such as 640x480, got '"
                        + size + "'");
            }
            byte[] rgb = new byte[width * height * 3];
            random.nextBytes(rgb);
            result.add(RgbImage.fromRgb(rgb, width, height));
        }
        return result;
    }

    private List<PersonBox> boxes(Random random, RgbImage image) {
        List<PersonBox> result = new ArrayList<>();
        for (int b = 0; b < boxes; b++) {
            double w = 40 + random.nextDouble() * image.width() / 3.0;
            double h = 80 + random.nextDouble() * image.height() / 2.0;
            result.add(new PersonBox(random.nextDouble() * (image.width() - w), random.nextDouble() * (image.height() - h),
                    w, h, 0.5 + random.nextDouble() / 2));
        }
        return result;
    }

    private static boolean samePersons(List<TopDownPerson> a, List<TopDownPerson> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.deepEquals(a.get(i).keypoints(), b.get(i).keypoints()) || a.get(i).score() != b.get(i).score()
                    || a.get(i).keptByNms() != b.get(i).keptByNms()) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePeople(List<BottomUpPose> a, List<BottomUpPose> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.deepEquals(a.get(i).keypoints(), b.get(i).keypoints()) || a.get(i).score() != b.get(i).score()) {
                return false;
            }
        }
        return true;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
