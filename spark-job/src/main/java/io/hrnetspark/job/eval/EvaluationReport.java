package io.hrnetspark.job.eval;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.eval.Accumulation;
import io.hrnetspark.model.eval.AreaRange;
import io.hrnetspark.model.eval.CrowdSubset;
import io.hrnetspark.model.eval.EvaluationResult;
import io.hrnetspark.model.eval.KeypointErrors;
import io.hrnetspark.model.eval.Metric;
import io.hrnetspark.model.eval.NumpyMath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.jfree.chart.JFreeChart;

/**
 * {@code REPORT/index.html}: the summary table, precision–recall curves per threshold for each
 * area range ({@code pr-<range>.png}) and, for keypoints, per-keypoint error statistics and the
 * worst images ({@link WorstImagesSection}).
 */
public final class EvaluationReport {

    public static final String PAGE = "index.html";

    private EvaluationReport() {
    }

    public static void write(HadoopStorage storage, String directory, EvaluationOutcome outcome,
                             EvaluateOptions options) {
        EvaluationResult result = outcome.result();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>hrnet-spark evaluation</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}pre{background:#f6f6f6;padding:1em}"
                        + "</style></head><body>\n")
                .append("<h1>").append(escape(options.protocol().iouType())).append(" evaluation (")
                .append(escape(options.protocol().dataset())).append(")</h1>\n<p>Ground truth: <code>")
                .append(escape(options.gt())).append("</code><br>Results: <code>")
                .append(escape(options.results())).append("</code><br>Images evaluated: ")
                .append(outcome.images()).append("</p>\n");
        summary(html, result);
        curves(storage, directory, html, result.accumulation(),
                options.protocol().isKeypoints() ? "OKS" : "IoU");
        if (outcome.keypointErrors() != null) {
            keypointErrors(html, outcome.keypointErrors(),
                    options.protocol().keypointSpec().keypoints());
        }
        if (options.protocol().isKeypoints() && options.reportWorst() > 0) {
            new WorstImagesSection(storage, options.protocol().keypointSpec())
                    .append(html, new Path(directory), options.images(), outcome.worstImages());
        }
        html.append("</body></html>\n");
        try (OutputStream out = storage.create(new Path(directory, PAGE))) {
            out.write(html.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + directory, e);
        }
    }

    private static void summary(StringBuilder html, EvaluationResult result) {
        html.append("<h2>Summary</h2>\n<table><tr><th>metric</th><th>official label</th><th>value</th></tr>\n");
        for (Metric metric : result.summary().metrics()) {
            html.append("<tr><td>").append(escape(metric.key())).append("</td><td><code>")
                    .append(escape(metric.name().trim())).append("</code></td><td>")
                    .append(NumpyMath.fixed(metric.value(), 3)).append("</td></tr>\n");
        }
        html.append("</table>\n<pre>").append(escape(result.summary().text())).append("</pre>\n");
        if (!result.crowdSubsets().isEmpty()) {
            html.append("<h3>CrowdPose subsets</h3>\n<table><tr><th>subset</th><th>images</th>"
                    + "<th>mean precision</th><th>reported</th></tr>\n");
            for (CrowdSubset subset : result.crowdSubsets()) {
                html.append("<tr><td>").append(subset.name()).append("</td><td>")
                        .append(subset.imageIds().length).append("</td><td>")
                        .append(subset.meanPrecision()).append("</td><td>").append(subset.reported())
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void curves(HadoopStorage storage, String directory, StringBuilder html,
                               Accumulation acc, String similarity) {
        html.append("<h2>Precision–recall curves</h2>\n<p>Precision at each recall threshold, maxDets ")
                .append(acc.params().maxDet()).append(", averaged over categories with ground truth;"
                        + " one curve per threshold.</p>\n");
        List<AreaRange> ranges = acc.params().areaRanges();
        for (int a = 0; a < ranges.size(); a++) {
            String label = ranges.get(a).label();
            Optional<JFreeChart> chart = PrecisionRecallChart.of(acc, a, "area " + label, similarity);
            if (chart.isEmpty()) {
                html.append("<p>Area ").append(escape(label)).append(": no ground truth.</p>\n");
                continue;
            }
            String file = "pr-" + label + ".png";
            try (OutputStream out = storage.create(new Path(directory, file))) {
                PrecisionRecallChart.writePng(chart.get(), out);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + new Path(directory, file), e);
            }
            html.append("<img src=\"").append(file).append("\" alt=\"precision-recall, area ")
                    .append(escape(label)).append("\" width=\"").append(PrecisionRecallChart.WIDTH)
                    .append("\">\n");
        }
    }

    private static void keypointErrors(StringBuilder html, KeypointErrors errors, List<String> names) {
        html.append("<h2>Per-keypoint errors</h2>\n<p>Detections matched to a ground-truth person at"
                        + " the lowest OKS threshold (area all), over the keypoints labelled in the"
                        + " ground truth. The OKS term of a keypoint is exp(-d²/(2σ)²/(s+eps)/2).</p>\n")
                .append("<table><tr><th>keypoint</th><th>measured</th><th>mean error (px)</th>"
                        + "<th>RMS error (px)</th><th>mean OKS term</th><th>term ≥ 0.5</th>"
                        + "<th>term ≥ 0.75</th></tr>\n");
        for (int k = 0; k < names.size(); k++) {
            long n = errors.count()[k];
            html.append("<tr><td>").append(escape(names.get(k))).append("</td><td>").append(n)
                    .append("</td><td>").append(n == 0 ? "" : format(errors.distanceSum()[k] / n))
                    .append("</td><td>").append(n == 0 ? "" : format(Math.sqrt(errors.squaredSum()[k] / n)))
                    .append("</td><td>").append(n == 0 ? "" : format(errors.termSum()[k] / n))
                    .append("</td><td>").append(n == 0 ? "" : percent(errors.within50()[k], n))
                    .append("</td><td>").append(n == 0 ? "" : percent(errors.within75()[k], n))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
