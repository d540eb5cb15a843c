package io.hrnetspark.model.eval;

import java.io.Serializable;

/** A named object-area range; both bounds are inclusive, as in {@code evaluateImg}. */
public record AreaRange(String label, double lo, double hi) implements Serializable {

    public boolean outside(double area) {
        return area < lo || area > hi;
    }
}
