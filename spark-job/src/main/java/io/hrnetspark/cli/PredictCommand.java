package io.hrnetspark.cli;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.PersonPose;
import io.hrnetspark.model.pose.TopDownPoseEstimator;
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

/** {@code hrnet-spark predict}: top-down pose on one image, without Spark. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Estimates the pose of every person box on one image with an official top-down HRNet "
                + "config and checkpoint, and writes COCO keypoint results (x, y, confidence in image pixels; "
                + "score after rescoring) in box order.",
                "The flip test follows the config's TEST.FLIP_TEST unless --no-flip is given."})
final class PredictCommand implements Callable<Integer>, RunsNetworkHere {

    @Spec
    private CommandSpec spec;

    @Mixin
    private OneImageModelOptions model;

    @Option(names = "--boxes", required = true, paramLabel = "B.json",
            description = "Person boxes: a JSON list of {\"bbox\": [x, y, w, h], \"score\": s} in image pixels.")
    private Path boxes;

    @Option(names = "--no-flip", description = "Skip the flip test (faster, slightly less accurate).")
    private boolean noFlip;

    @Option(names = "--nms", description = "Apply the official OKS-NMS (TEST.OKS_THRE); results are then best first.")
    private boolean nms;

    @Option(names = "--image-id", defaultValue = "0", paramLabel = "N",
            description = "The image_id written into the results (default: ${DEFAULT-VALUE}).")
    private long imageId;

    @Override
    public Integer call() {
        model.requireWritableOutput();
        TopDownPoseConfig pose = topDownConfig(ExperimentConfigReader.read(model.config));
        List<PersonBox> personBoxes = PersonBoxesJson.read(boxes);
        boolean flip = pose.test().flipTest() && !noFlip;
        List<PersonPose> poses;
        try (RgbImage rgb = RgbImage.read(model.image)) {
            StateDict stateDict = TorchCheckpoint.load(model.weights);
            try (TopDownPoseEstimator estimator = TopDownPoseEstimator.create(pose, stateDict, flip,
                    model.precision)) {
                poses = estimator.estimate(rgb, personBoxes);
                if (nms) {
                    poses = estimator.suppressOverlaps(poses);
                }
            }
        }
        KeypointResultsJson.write(model.output, imageId, poses);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + poses.size() + " person" + (poses.size() == 1 ? "" : "s") + " to " + model.output
                + " (flip test " + (flip ? "on" : "off") + (nms ? ", OKS-NMS" : "")
                + model.precisionNote() + ")");
        out.flush();
        return 0;
    }

    private TopDownPoseConfig topDownConfig(ExperimentConfig experiment) {
        if (experiment instanceof TopDownPoseConfig pose) {
            return pose;
        }
        throw new InvalidInputException("Config " + model.config + " is a " + experiment.modelName()
                + " experiment, not a top-down pose one (MODEL.NAME " + TopDownPoseConfig.MODEL_NAME
                + "): pass a top-down config.");
    }
}
