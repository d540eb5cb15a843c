package io.hrnetspark.job.eval;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.seg.LabelMapping;
import java.util.Optional;

/**
 * The settings of {@code evaluate --type miou}, validated.
 *
 * @param results    the masks table of an annotate run (the output directory, the table, a
 *                   {@code model_id=} folder, or plain Parquet with its columns)
 * @param gtLabels   the root the ground-truth label PNGs lie under (any Hadoop path)
 * @param mapping    how the label PNGs' values become class indices, and where each image's PNG lies
 * @param numClasses the classes scored: 19 for Cityscapes, 20 for LIP, {@code --num-classes} for identity
 * @param output     directory for {@code metrics} and {@code metrics.json}
 * @param modelId    the model to score when the masks table holds several
 */
public record MiouOptions(String results, String gtLabels, LabelMapping mapping, int numClasses,
                          Optional<String> output, Optional<String> modelId) {

    /**
     * @param numClasses {@code --num-classes}, null when not given
     */
    public static MiouOptions of(String results, String gtLabels, String labelMap, Integer numClasses,
                                 String output, String modelId) {
        if (gtLabels == null) {
            throw new InvalidInputException("--type miou scores masks against ground-truth label PNGs; give their"
                    + " root with --gt-labels ROOT.");
        }
        LabelMapping mapping = LabelMapping.byName(labelMap);
        int classes;
        if (mapping.classes().isPresent()) {
            classes = mapping.classes().get().numClasses();
            if (numClasses != null && numClasses != classes) {
                throw new InvalidInputException("--num-classes " + numClasses + " contradicts the " + mapping.label()
                        + " label map, which scores " + classes + " classes; leave --num-classes out or use"
                        + " --label-map identity.");
            }
        } else {
            if (numClasses == null) {
                throw new InvalidInputException("--label-map identity needs the number of classes the model"
                        + " predicts (DATASET.NUM_CLASSES of its config); give --num-classes N.");
            }
            if (numClasses < 1 || numClasses > LabelMapping.IGNORE_LABEL) {
                throw new InvalidInputException("--num-classes must be 1 to " + LabelMapping.IGNORE_LABEL
                        + " (label PNGs hold 8-bit values and 255 is the ignore label), not " + numClasses + ".");
            }
            classes = numClasses;
        }
        return new MiouOptions(results, gtLabels, mapping, classes, Optional.ofNullable(output),
                Optional.ofNullable(modelId));
    }
}
