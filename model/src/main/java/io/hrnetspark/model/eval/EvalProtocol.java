package io.hrnetspark.model.eval;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.coco.CocoImage;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.Locale;

/**
 * One official evaluator: its parameters, similarity, ground-truth size rule, ignore rule and
 * summary layout. {@code COCO_*} follow {@code pycocotools.cocoeval.COCOeval}; CROWDPOSE follows
 * {@code crowdposetools.cocoeval.COCOeval}.
 */
public enum EvalProtocol {
    COCO_KEYPOINTS("keypoints", "coco"),
    CROWDPOSE_KEYPOINTS("keypoints", "crowdpose"),
    COCO_SEGM("segm", "coco"),
    COCO_BBOX("bbox", "coco");

    private final String iouType;
    private final String dataset;

    EvalProtocol(String iouType, String dataset) {
        this.iouType = iouType;
        this.dataset = dataset;
    }

    /**
     * The evaluator for {@code --type} (keypoints, segm, bbox) and {@code --dataset} (coco,
     * crowdpose), case-insensitive.
     */
    public static EvalProtocol of(String type, String dataset) {
        String t = type.toLowerCase(Locale.ROOT);
        String d = dataset.toLowerCase(Locale.ROOT);
        for (EvalProtocol protocol : values()) {
            if (protocol.iouType.equals(t) && protocol.dataset.equals(d)) {
                return protocol;
            }
        }
        if (!t.equals("keypoints") && !t.equals("segm") && !t.equals("bbox")) {
            throw new InvalidInputException("Unknown evaluation type '" + type
                    + "': use keypoints, segm, bbox or miou.");
        }
        if (!d.equals("coco") && !d.equals("crowdpose")) {
            throw new InvalidInputException("Unknown dataset '" + dataset
                    + "': use coco or crowdpose.");
        }
        throw new InvalidInputException("The " + dataset + " evaluator has no " + type
                + " evaluation; CrowdPose is evaluated with --type keypoints.");
    }

    /** {@code keypoints}, {@code segm} or {@code bbox}. */
    public String iouType() {
        return iouType;
    }

    /** {@code coco} or {@code crowdpose}. */
    public String dataset() {
        return dataset;
    }

    public boolean isKeypoints() {
        return iouType.equals("keypoints");
    }

    /** The default parameters of this evaluator. */
    public EvalParams params() {
        return isKeypoints() ? EvalParams.keypoints() : EvalParams.detection();
    }

    /** The keypoint layout (sigmas) for keypoint evaluators; {@code null} otherwise. */
    public KeypointSpec keypointSpec() {
        return switch (this) {
            case COCO_KEYPOINTS -> KeypointSpec.COCO;
            case CROWDPOSE_KEYPOINTS -> KeypointSpec.CROWDPOSE;
            case COCO_SEGM, COCO_BBOX -> null;
        };
    }

    /** The ground-truth size used for OKS and the area ranges. */
    public GtArea gtArea() {
        return this == CROWDPOSE_KEYPOINTS ? GtArea.CROWDPOSE_BOX : GtArea.STORED;
    }

    public Similarity similarity() {
        return switch (this) {
            case COCO_KEYPOINTS, CROWDPOSE_KEYPOINTS -> new KeypointOks(keypointSpec().sigmas(), gtArea());
            case COCO_SEGM -> new SegmentationIou();
            case COCO_BBOX -> new BoxIou();
        };
    }

    /** {@code _prepare}'s ignore flag: crowd, and for keypoints also {@code num_keypoints == 0}. */
    public boolean ignored(CocoAnnotation gt) {
        return gt.crowd() || (isKeypoints() && gt.numKeypoints() == 0);
    }

    /**
     * Refuses, with one sentence, any ground truth this evaluator cannot read (fields the official
     * code would fail on, keypoint counts of another dataset).
     */
    public void checkGroundTruth(CocoDataset gt) {
        for (CocoAnnotation ann : gt.annotations()) {
            checkGroundTruth(ann, gt);
        }
    }

    /** Refuses, with one sentence, any result this evaluator cannot read. */
    public void checkResults(CocoDataset results) {
        for (CocoAnnotation dt : results.annotations()) {
            String what = results.source() + ": result " + dt.id();
            switch (this) {
                case COCO_KEYPOINTS, CROWDPOSE_KEYPOINTS -> checkKeypointCount(dt.keypoints(), what);
                case COCO_SEGM -> require(dt.segmentation() != null, what, "segmentation",
                        "segm evaluation compares masks");
                case COCO_BBOX -> checkBox(dt.bbox(), what);
            }
        }
    }

    private void checkGroundTruth(CocoAnnotation ann, CocoDataset gt) {
        String what = gt.source() + ": annotation " + ann.id();
        if (gtArea() == GtArea.STORED) {
            require(ann.area() != null, what, "area", "the " + dataset
                    + " evaluator uses the stored area for the area ranges");
        }
        switch (this) {
            case COCO_KEYPOINTS, CROWDPOSE_KEYPOINTS -> {
                checkKeypointCount(ann.keypoints(), what);
                require(ann.numKeypoints() != null, what, "num_keypoints",
                        "keypoint evaluation ignores people with none");
                checkBox(ann.bbox(), what);
            }
            case COCO_SEGM -> {
                require(ann.segmentation() != null, what, "segmentation",
                        "segm evaluation compares masks");
                CocoImage image = gt.image(ann.imageId());
                if (image != null && ann.segmentation().isArray()
                        && (image.height() <= 0 || image.width() <= 0)) {
                    throw new InvalidInputException(gt.source() + ": image " + image.id()
                            + " has no width and height, which segm evaluation needs to rasterise"
                            + " the polygons of annotation " + ann.id() + ".");
                }
            }
            case COCO_BBOX -> checkBox(ann.bbox(), what);
        }
    }

    private static void require(boolean present, String what, String field, String why) {
        if (!present) {
            throw new InvalidInputException(what + " has no " + field + "; " + why + ".");
        }
    }

    private static void checkBox(double[] bbox, String what) {
        if (bbox == null || bbox.length != 4) {
            throw new InvalidInputException(what + " has " + (bbox == null ? "no bbox"
                    : "a bbox of " + bbox.length + " numbers") + "; it needs [x, y, w, h].");
        }
    }

    private void checkKeypointCount(double[] keypoints, String what) {
        KeypointSpec spec = keypointSpec();
        int expected = 3 * spec.numKeypoints();
        if (keypoints == null) {
            throw new InvalidInputException(what + " has no keypoints; " + spec.name()
                    + " keypoint evaluation needs " + expected + " values (x, y, v per keypoint).");
        }
        if (keypoints.length != expected) {
            String found = keypoints.length % 3 == 0 ? " (" + keypoints.length / 3 + " keypoints)" : "";
            throw new InvalidInputException(what + " has " + keypoints.length
                    + " keypoint values" + found + " but the " + spec.name() + " dataset has "
                    + spec.numKeypoints() + " keypoints (" + expected + " values); "
                    + (keypoints.length % 3 == 0 ? spec.adviceFor(keypoints.length / 3)
                    : "give x, y, v for each keypoint") + ".");
        }
    }
}
