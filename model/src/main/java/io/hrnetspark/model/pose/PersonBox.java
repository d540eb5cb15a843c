package io.hrnetspark.model.pose;

/** A person box in image pixels (top-left x, y, width, height, as COCO's {@code bbox}) and its detection score. */
public record PersonBox(double x, double y, double width, double height, double score) {
}
