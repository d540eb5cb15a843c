package io.hrnetspark.cli;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.model.seg.ClassMask;
import io.hrnetspark.model.seg.LabelMap;
import io.hrnetspark.model.seg.LabelMapPng;
import io.hrnetspark.model.seg.SemanticSegmenter;
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

/** {@code hrnet-spark segment}: HRNetV2 semantic segmentation of one image, without Spark. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Segments one image with an official HRNetV2 segmentation config (Cityscapes or LIP) and "
                + "checkpoint, following the official test path (TEST.BASE_SIZE, TEST.SCALE_LIST, TEST.FLIP_TEST), "
                + "and writes one COCO-style mask per class present: category_id (the class index), "
                + "segmentation {size, counts} (compressed RLE), area and bbox [x, y, w, h]."})
final class SegmentCommand implements Callable<Integer>, RunsNetworkHere {

    @Spec
    private CommandSpec spec;

    @Mixin
    private OneImageModelOptions model;

    @Option(names = "--labels-png", paramLabel = "L.png",
            description = "Also write the label map as an 8-bit palette PNG: pixel values are class indices, "
                    + "the palette the class colours.")
    private Path labelsPng;

    @Override
    public Integer call() {
        model.requireWritableOutput();
        if (labelsPng != null) {
            OutputFile.requireWritable("--labels-png", labelsPng);
        }
        SegmentationConfig segmentation = segmentationConfig(ExperimentConfigReader.read(model.config));
        LabelMap labels;
        byte[] png = null;
        try (RgbImage rgb = RgbImage.read(model.image)) {
            StateDict stateDict = TorchCheckpoint.load(model.weights);
            try (SemanticSegmenter segmenter = SemanticSegmenter.create(segmentation, stateDict,
                    model.precision)) {
                labels = segmenter.segment(rgb);
                if (labelsPng != null) {
                    png = LabelMapPng.encode(labels, segmenter.classes());
                }
            }
        }
        List<ClassMask> masks = labels.classMasks();
        ClassMasksJson.write(model.output, masks);
        if (png != null) {
            byte[] bytes = png;
            OutputFile.write(labelsPng, out -> out.write(bytes));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + masks.size() + " class mask" + (masks.size() == 1 ? "" : "s") + " of a "
                + labels.width() + "x" + labels.height() + " image to " + model.output
                + (labelsPng == null ? "" : " and the label map to " + labelsPng)
                + (model.precision == Precision.FP32 ? "" : " (" + PrecisionOption.spelling(model.precision) + ")"));
        out.flush();
        return 0;
    }

    private SegmentationConfig segmentationConfig(ExperimentConfig experiment) {
        if (experiment instanceof SegmentationConfig segmentation) {
            return segmentation;
        }
        throw new InvalidInputException("Config " + model.config + " is a " + experiment.modelName()
                + " experiment, not a segmentation one (MODEL.NAME " + SegmentationConfig.MODEL_NAME
                + "): pass a segmentation config.");
    }
}
