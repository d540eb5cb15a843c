package io.hrnetspark.model.eval;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code summarize()} prints and stores.
 *
 * @param metrics the printed numbers, in printed order
 * @param stats   {@code COCOeval.stats}: 10 (COCO keypoints), 12 (segm, bbox) or 11 (CrowdPose,
 *                slots 3 and 4 never assigned) values
 */
public record Summary(List<Metric> metrics, double[] stats) implements Serializable {

    public Summary {
        metrics = List.copyOf(metrics);
    }

    /** The printed summary, one line per metric, each ending in a newline. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Metric metric : metrics) {
            out.append(metric.printedLine()).append('\n');
        }
        return out.toString();
    }

    /** Metric values by key, in printed order. */
    public Map<String, Double> byKey() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            map.put(metric.key(), metric.value());
        }
        return map;
    }
}
