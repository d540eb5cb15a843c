package io.hrnetspark.model.seg;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.SegmentationClasses;
import java.util.Locale;
import java.util.Optional;

/**
 * How a dataset's ground-truth label PNGs become the class indices a segmentation network predicts, and
 * where the label PNG of an image lies, as the official {@code HRNet-Semantic-Segmentation} test reads
 * them ({@code lib/datasets/cityscapes.py}, {@code lip.py}).
 *
 * <ul>
 *   <li>{@link #CITYSCAPES}: {@code gtFine/..._gtFine_labelIds.png} holds Cityscapes label ids, mapped to the
 *   19 train ids by the official {@code label_mapping} (ids 0-6, 9, 10, 14-16, 18, 29 and 30 become the ignore
 *   label 255; values the mapping does not name, 34-255, stay as they are, so 255 stays ignored and the others
 *   fall outside the classes and score nowhere).</li>
 *   <li>{@link #LIP}: {@code <split>_segmentations/NAME.png} holds the 20 LIP labels as they are.</li>
 *   <li>{@link #IDENTITY}: a label PNG at the image's own relative path with the extension {@code .png} holds
 *   the class indices as they are.</li>
 * </ul>
 */
public enum LabelMapping {
    CITYSCAPES,
    LIP,
    IDENTITY;

    /** The ground-truth value that scores nothing ({@code TRAIN.IGNORE_LABEL} of the official experiments). */
    public static final int IGNORE_LABEL = 255;

    /** Official {@code label_mapping}: Cityscapes label id → train id, for label ids 0 to 33. */
    private static final int[] CITYSCAPES_TRAIN_IDS = {
        255, 255, 255, 255, 255, 255, 255, 0, 1, 255, 255, 2, 3, 4, 255, 255, 255, 5, 255, 6, 7, 8, 9, 10,
        11, 12, 13, 14, 15, 255, 255, 16, 17, 18};

    private static final String CITYSCAPES_IMAGE_SUFFIX = "_leftImg8bit";
    private static final String CITYSCAPES_LABEL_SUFFIX = "_gtFine_labelIds.png";

    /** The mapping named {@code cityscapes}, {@code lip} or {@code identity} (case-insensitive). */
    public static LabelMapping byName(String name) {
        for (LabelMapping mapping : values()) {
            if (mapping.name().equalsIgnoreCase(name)) {
                return mapping;
            }
        }
        throw new InvalidInputException("Unknown label map '" + name + "': use cityscapes, lip or identity.");
    }

    /** {@code cityscapes}, {@code lip} or {@code identity}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dataset's classes in train-id order; none for {@link #IDENTITY}, whose classes are the model's. */
    public Optional<SegmentationClasses> classes() {
        return switch (this) {
            case CITYSCAPES -> Optional.of(SegmentationClasses.CITYSCAPES);
            case LIP -> Optional.of(SegmentationClasses.LIP);
            case IDENTITY -> Optional.empty();
        };
    }

    /** The label PNG's values as class indices (Cityscapes: label ids → train ids; the others unchanged). */
    public LabelMap toClassIndices(LabelMap groundTruth) {
        if (this != CITYSCAPES) {
            return groundTruth;
        }
        byte[] labels = groundTruth.labels();
        for (int i = 0; i < labels.length; i++) {
            int id = Byte.toUnsignedInt(labels[i]);
            if (id < CITYSCAPES_TRAIN_IDS.length) {
                labels[i] = (byte) CITYSCAPES_TRAIN_IDS[id];
            }
        }
        return new LabelMap(groundTruth.width(), groundTruth.height(), labels);
    }

    /**
     * The label PNG of an image, relative to the ground-truth root as the image is to the images root
     * ({@code /}-separated). Cityscapes: a file {@code NAME_leftImg8bit.EXT} has the label
     * {@code NAME_gtFine_labelIds.png} and a folder {@code leftImg8bit} becomes {@code gtFine}
     * ({@code leftImg8bit/val/x/x_leftImg8bit.png} → {@code gtFine/val/x/x_gtFine_labelIds.png}); other
     * file names follow the identity rule. LIP: a folder {@code SPLIT_images} becomes
     * {@code SPLIT_segmentations} and the extension {@code .png} ({@code val_images/1_2.jpg} →
     * {@code val_segmentations/1_2.png}). Identity: the same path with the extension {@code .png}.
     */
    public String groundTruthPath(String imagePath) {
        String[] parts = imagePath.split("/", -1);
        String name = parts[parts.length - 1];
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        boolean cityscapesName = this == CITYSCAPES && stem.endsWith(CITYSCAPES_IMAGE_SUFFIX);
        for (int i = 0; i < parts.length - 1; i++) {
            if (cityscapesName && parts[i].equals("leftImg8bit")) {
                parts[i] = "gtFine";
            } else if (this == LIP && parts[i].endsWith("_images")) {
                parts[i] = parts[i].substring(0, parts[i].length() - "_images".length()) + "_segmentations";
            }
        }
        parts[parts.length - 1] = cityscapesName
                ? stem.substring(0, stem.length() - CITYSCAPES_IMAGE_SUFFIX.length()) + CITYSCAPES_LABEL_SUFFIX
                : stem + ".png";
        return String.join("/", parts);
    }
}
