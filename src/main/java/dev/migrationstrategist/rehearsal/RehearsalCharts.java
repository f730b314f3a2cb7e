package dev.migrationstrategist.rehearsal;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYStepAreaRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws a side's {@link TimeSeries} as one figure: four panels over one time axis (latency p50/p99 on a log scale,
 * committed transactions/s, errors/s, clients waiting for a lock), the phases as shaded, numbered bands with their
 * names in a key below. Both sides are drawn on the same axis ranges ({@link Scales}) so their figures compare at a
 * glance. Drawn headless: {@code java.awt.headless} is set to true unless the caller set it.
 */
final class RehearsalCharts {
    static final int WIDTH = 1200;
    static final int HEIGHT = 900;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Band colours (ColorBrewer Set3), cycled through the phases. */
    private static final Color[] BANDS = {
        new Color(0x8d, 0xd3, 0xc7), new Color(0xff, 0xff, 0xb3), new Color(0xbe, 0xba, 0xda),
        new Color(0xfb, 0x80, 0x72), new Color(0x80, 0xb1, 0xd3), new Color(0xfd, 0xb4, 0x62),
        new Color(0xb3, 0xde, 0x69), new Color(0xfc, 0xcd, 0xe5), new Color(0xd9, 0xd9, 0xd9),
        new Color(0xbc, 0x80, 0xbd)};
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private RehearsalCharts() {
    }

    /** The axis ranges of both sides' figures. */
    record Scales(double seconds, double minLatencyMs, double maxLatencyMs, double maxCommitted, double maxErrors,
                  double maxWaiting) {
        static Scales of(List<TimeSeries> sides) {
            List<TimeSeries.Window> all = sides.stream().flatMap(s -> s.windows().stream()).toList();
            double seconds = sides.stream().mapToLong(TimeSeries::lengthMs).max().orElse(1_000) / 1000.0;
            double minLatency = all.stream().mapToDouble(TimeSeries.Window::p50Ms).filter(v -> v > 0).min()
                    .orElse(0.1);
            double maxLatency = all.stream().mapToDouble(TimeSeries.Window::p99Ms).filter(v -> v > 0).max()
                    .orElse(10);
            double low = Math.pow(10, Math.floor(Math.log10(Math.max(minLatency, 0.001))));
            double high = Math.pow(10, Math.ceil(Math.log10(Math.max(maxLatency * 1.05, low * 10))));
            return new Scales(Math.max(seconds, 1), low, high,
                    top(all, TimeSeries.Window::committedPerSecond), top(all, TimeSeries.Window::errorsPerSecond),
                    top(all, TimeSeries.Window::clientsWaiting));
        }

        private static double top(List<TimeSeries.Window> windows, ToDoubleFunction<TimeSeries.Window> f) {
            return Math.max(1, windows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(0) * 1.1);
        }
    }

    static JFreeChart chart(String title, String subtitle, TimeSeries s, Scales scales) {
        NumberAxis time = new NumberAxis("seconds since the clients started");
        time.setRange(0, scales.seconds());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(6);

        LogAxis latencyAxis = new LogAxis("latency ms (log)");
        latencyAxis.setNumberFormatOverride(new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.US)));
        latencyAxis.setSmallestValue(0.001);
        latencyAxis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
        latencyAxis.setMinorTickMarksVisible(true);
        latencyAxis.setRange(scales.minLatencyMs(), scales.maxLatencyMs());
        XYSeriesCollection latency = new XYSeriesCollection();
        latency.addSeries(series(s, "p50 latency", TimeSeries.Window::p50Ms));
        latency.addSeries(series(s, "p99 latency", TimeSeries.Window::p99Ms));
        XYStepRenderer lines = new XYStepRenderer();
        lines.setSeriesPaint(0, new Color(0x1b, 0x9e, 0x77));
        lines.setSeriesPaint(1, new Color(0xd9, 0x5f, 0x02));
        lines.setSeriesStroke(0, new BasicStroke(1.6f));
        lines.setSeriesStroke(1, new BasicStroke(1.6f));
        XYPlot top = panel(latency, latencyAxis, lines, s, true);
        plot.add(top, 3);

        plot.add(area(s, "committed transactions/s", "committed/s", TimeSeries.Window::committedPerSecond,
                scales.maxCommitted(), new Color(0x37, 0x7e, 0xb8)), 2);
        plot.add(area(s, "errors/s", "errors/s", TimeSeries.Window::errorsPerSecond, scales.maxErrors(),
                new Color(0xe4, 0x1a, 0x1c)), 2);
        plot.add(area(s, "clients waiting for a lock (average of the samples)", "waiting", TimeSeries.Window::clientsWaiting,
                scales.maxWaiting(), new Color(0x98, 0x4e, 0xa3)), 2);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(SMALL);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        TextTitle sub = new TextTitle(subtitle, SMALL);
        chart.addSubtitle(sub);
        LegendItemCollection key = new LegendItemCollection();
        List<TimeSeries.Span> phases = s.phases();
        for (int i = 0; i < phases.size(); i++) {
            key.add(new LegendItem((i + 1) + " " + phases.get(i).phase(), null, null, null,
                    new Rectangle2D.Double(-6, -6, 12, 12), band(i)));
        }
        LegendTitle phaseKey = new LegendTitle(() -> key);
        phaseKey.setItemFont(SMALL);
        phaseKey.setPosition(RectangleEdge.BOTTOM);
        phaseKey.setBackgroundPaint(Color.WHITE);
        phaseKey.setMargin(new RectangleInsets(4, 8, 4, 8));
        chart.addSubtitle(phaseKey);
        return chart;
    }

    private static XYPlot area(TimeSeries s, String name, String axisLabel, ToDoubleFunction<TimeSeries.Window> f,
                               double max, Color color) {
        NumberAxis axis = new NumberAxis(axisLabel);
        axis.setRange(0, max);
        XYStepAreaRenderer r = new XYStepAreaRenderer(XYStepAreaRenderer.AREA_AND_SHAPES);
        r.setShapesVisible(false);
        r.setSeriesPaint(0, new Color(color.getRed(), color.getGreen(), color.getBlue(), 190));
        return panel(new XYSeriesCollection(series(s, name, f)), axis, r, s, false);
    }

    private static XYPlot panel(XYSeriesCollection data, ValueAxis axis, XYItemRenderer r, TimeSeries s,
                                boolean labelled) {
        XYPlot p = new XYPlot(data, null, axis, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
        p.setDomainGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
        axis.setLabelFont(SMALL);
        List<TimeSeries.Span> phases = s.phases();
        for (int i = 0; i < phases.size(); i++) {
            TimeSeries.Span span = phases.get(i);
            IntervalMarker band = new IntervalMarker(span.startMs() / 1000.0, span.endMs() / 1000.0, band(i));
            band.setAlpha(0.55f);
            if (labelled) {
                band.setLabel(String.valueOf(i + 1));
                band.setLabelFont(LABEL);
                band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                band.setLabelOffset(new RectangleInsets(2, 2, 2, 2));
            }
            p.addDomainMarker(band, Layer.BACKGROUND);
            ValueMarker edge = new ValueMarker(span.startMs() / 1000.0, new Color(0x88, 0x88, 0x88),
                    new BasicStroke(0.6f));
            p.addDomainMarker(edge, Layer.BACKGROUND);
        }
        return p;
    }

    /** One value per window, drawn as steps: a point at each window's start, the last one repeated at its end. */
    private static XYSeries series(TimeSeries s, String name, ToDoubleFunction<TimeSeries.Window> f) {
        XYSeries out = new XYSeries(name, false, true);
        for (TimeSeries.Window w : s.windows()) {
            double v = f.applyAsDouble(w);
            out.add(w.startMs() / 1000.0, Double.isNaN(v) ? null : v);
        }
        if (!s.windows().isEmpty()) {
            TimeSeries.Window last = s.windows().get(s.windows().size() - 1);
            double v = f.applyAsDouble(last);
            out.add(last.endMs() / 1000.0, Double.isNaN(v) ? null : v);
        }
        return out;
    }

    private static Color band(int i) {
        return BANDS[i % BANDS.length];
    }

    static void png(JFreeChart chart, Path file) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void svg(JFreeChart chart, Path file) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        try {
            SVGUtils.writeToSVG(file.toFile(), g.getSVGElement());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
