package dev.gantry.benchmarks.placement;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A PNG of executors placed and gangs placed against cluster size, one line per placer. Both
 * are shown as a share of what the jobs asked for, since the absolute counts grow a
 * hundredfold from the smallest cluster to the largest and would hide the gaps between placers.
 */
public final class PlacedVersusSizeChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 440;

    private PlacedVersusSizeChart() {}

    public static void write(List<SizeResult> sizes, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<XYChart> charts = List.of(
                chart("Executors placed", "executors placed (% of requested)", sizes,
                        r -> 100.0 * r.executorsPlaced() / r.executorsRequested()),
                chart("Gangs placed (distributed training)", "gangs placed (% of requested)", sizes,
                        r -> r.gangsRequested() == 0 ? 0 : 100.0 * r.gangsPlaced() / r.gangsRequested()));
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle, List<SizeResult> sizes,
                                 ToDoubleFunction<PlacerResult> share) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("agents in the cluster (log scale)").yAxisTitle(yTitle).build();
        chart.getStyler()
                .setXAxisLogarithmic(true)
                .setYAxisMin(0.0)
                .setYAxisMax(100.0)
                .setYAxisDecimalPattern("0")
                .setXAxisDecimalPattern("#,##0")
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal)
                .setMarkerSize(8)
                .setChartBackgroundColor(Color.WHITE);
        Map<String, List<Double>> xs = new LinkedHashMap<>();
        Map<String, List<Double>> ys = new LinkedHashMap<>();
        for (SizeResult size : sizes) {
            for (PlacerResult r : size.placers()) {
                xs.computeIfAbsent(r.placer(), k -> new ArrayList<>()).add((double) size.agents());
                ys.computeIfAbsent(r.placer(), k -> new ArrayList<>()).add(share.applyAsDouble(r));
            }
        }
        xs.forEach((placer, x) -> chart.addSeries(placer, x, ys.get(placer)));
        return chart;
    }
}
