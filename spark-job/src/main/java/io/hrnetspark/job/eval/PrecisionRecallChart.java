package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.Accumulation;
import io.hrnetspark.model.eval.EvalParams;
import io.hrnetspark.model.eval.NumpyMath;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Precision–recall curves of one area range, one curve per IoU/OKS threshold: the accumulated
 * precision at each recall threshold (largest maxDet), averaged over the categories that have
 * ground truth there.
 */
final class PrecisionRecallChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PrecisionRecallChart() {
    }

    /**
     * The chart of area range {@code a}, or empty when no category has ground truth there.
     *
     * @param similarity what the thresholds apply to (IoU, OKS), for the legend
     */
    static Optional<JFreeChart> of(Accumulation acc, int a, String title, String similarity) {
        EvalParams params = acc.params();
        int m = acc.numMaxDets() - 1;
        XYSeriesCollection curves = new XYSeriesCollection();
        for (int t = 0; t < acc.numThresholds(); t++) {
            XYSeries curve = new XYSeries(similarity + " " + NumpyMath.fixed(params.iouThrs()[t], 2));
            for (int r = 0; r < acc.numRecallThresholds(); r++) {
                double sum = 0;
                int n = 0;
                for (int k = 0; k < acc.numCategories(); k++) {
                    double p = acc.precision(t, r, k, a, m);
                    if (p > -1) {
                        sum += p;
                        n++;
                    }
                }
                if (n > 0) {
                    curve.add(params.recThrs()[r], sum / n);
                }
            }
            if (curve.getItemCount() == 0) {
                return Optional.empty();
            }
            curves.addSeries(curve);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "recall", "precision", curves,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.01);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return Optional.of(chart);
    }

    static void writePng(JFreeChart chart, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }
}
