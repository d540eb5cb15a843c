package io.hrnetspark.cli;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.BottomUpPose;
import io.hrnetspark.model.pose.BottomUpPoseEstimator;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark bottom-up}: bottom-up (HigherHRNet) pose on one image, without Spark. */
@Command(name = "bottom-up", mixinStandardHelpOptions = true,
        description = {"Finds every person on one image with an official HigherHRNet config and checkpoint "
                + "(no person boxes needed) and writes COCO keypoint results (x, y, heatmap value in image "
                + "pixels; the person score) in the order the grouping found them.",
                "Scales, flip test and grouping follow the config's TEST section; --no-flip skips the flip test."})
final class BottomUpCommand implements Callable<Integer>, RunsNetworkHere {

    @Spec
    private CommandSpec spec;

    @Mixin
    private OneImageModelOptions model;

    @Option(names = "--no-flip", description = "Skip the flip test (faster, slightly less accurate).")
    private boolean noFlip;

    @Option(names = "--image-id", defaultValue = "0", paramLabel = "N",
            description = "The image_id written into the results (default: ${DEFAULT-VALUE}).")
    private long imageId;

    @Override
    public Integer call() {
        model.requireWritableOutput();
        BottomUpPoseConfig experiment = bottomUpConfig(ExperimentConfigReader.read(model.config));
        boolean flip = experiment.test().flipTest() && !noFlip;
        List<BottomUpPose> poses;
        try (RgbImage rgb = RgbImage.read(model.image)) {
            StateDict stateDict = TorchCheckpoint.load(model.weights);
            try (BottomUpPoseEstimator estimator = BottomUpPoseEstimator.create(experiment, stateDict, flip,
                    model.precision)) {
                poses = estimator.estimate(rgb);
            }
        }
        KeypointResultsJson.write(model.output, imageId, poses);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + poses.size() + " person" + (poses.size() == 1 ? "" : "s") + " to " + model.output
                + " (flip test " + (flip ? "on" : "off") + ", scales " + experiment.test().scaleFactors()
                + model.precisionNote() + ")");
        out.flush();
        return 0;
    }

    private BottomUpPoseConfig bottomUpConfig(ExperimentConfig experiment) {
        if (experiment instanceof BottomUpPoseConfig bottomUp) {
            return bottomUp;
        }
        throw new InvalidInputException("Config " + model.config + " is a " + experiment.modelName()
                + " experiment, not a bottom-up one (MODEL.NAME " + BottomUpPoseConfig.MODEL_NAME
                + "): pass a HigherHRNet config, or use predict for top-down configs.");
    }
}
