package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.model.seg.ClassMask;
import io.hrnetspark.model.seg.LabelMap;
import java.util.List;

/**
 * Segmentation in annotate: the whole image in, its label map out, one COCO RLE mask per class present;
 * with {@code --label-pngs} the label map is also written as a palette PNG before its rows are staged.
 */
public final class SegmentationInputs extends WholeImageInputs<LabelMap, ClassMask> {

    private final LabelPngs labelPngs;

    /** @param labelPngs where label maps are written, or null */
    public SegmentationInputs(LabelPngs labelPngs) {
        this.labelPngs = labelPngs;
    }

    @Override
    public List<ClassMask> results(ImageTask task, List<Integer> boxIndices, LabelMap labels,
                                   List<ImageError> errors) {
        if (labelPngs != null) {
            labelPngs.write(task, labels);
        }
        return labels.classMasks();
    }
}
