package io.hrnetspark.model.eval;

import java.io.Serializable;

/**
 * One summary number.
 *
 * @param key   short name, the key in {@code metrics.json} (AP, AP50, ARm, APeasy, ...)
 * @param name  the official printed line without {@code " = value"}
 * @param value full precision
 */
public record Metric(String key, String name, double value) implements Serializable {

    /** The line {@code summarize()} prints. */
    public String printedLine() {
        return name + " = " + NumpyMath.fixed(value, 3);
    }
}
