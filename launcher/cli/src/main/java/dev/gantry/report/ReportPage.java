package dev.gantry.report;

import java.util.List;
import java.util.Objects;

/**
 * The whole page: one self-contained HTML file, nothing to fetch. The charts' data is a JSON
 * block, uPlot (from its WebJar) and the script that draws with it are inlined, as are the styles.
 */
final class ReportPage {
    private ReportPage() {}

    private static final String STYLE = """
            <style>
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto;
                   max-width: 1360px; padding: 0 16px; color: #1d2330; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 12px; word-break: break-all; }
            h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #dde2ea; padding-bottom: 4px; }
            h3 { font-size: 14px; margin: 0 0 2px; word-break: break-all; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
            dl.facts dt { color: #5b6475; } dl.facts dd { margin: 0; word-break: break-all; }
            .notice { background: #fff4d6; border: 1px solid #e7c35a; padding: 8px 12px; border-radius: 4px;
                      font-weight: 600; }
            .unknown, .muted { color: #7a8290; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { padding: 3px 10px; text-align: left; border-bottom: 1px solid #eceff4; }
            table.data td { font-variant-numeric: tabular-nums; }
            table.summary th { color: #5b6475; font-weight: normal; }
            .plots { display: flex; flex-wrap: wrap; gap: 16px; }
            /* min-width: 0 lets a box shrink below its chart's canvas, so that the chart can follow it. */
            .plot-box { flex: 1 1 560px; max-width: 660px; min-width: 0; }
            .plot-box p.caption { font-size: 12px; color: #5b6475; margin: 2px 0 0; }
            .chart .u-title { font-size: 14px; font-weight: 600; }
            .chart-error { padding: 24px; background: #fde8e8; color: #8a1c1c; border-radius: 4px; }
            .no-data { padding: 24px; background: #f5f6f8; color: #5b6475; border-radius: 4px; }
            #placement-map { display: flex; flex-wrap: wrap; gap: 12px; }
            .agent { border: 1px solid #b8c0cc; border-radius: 6px; padding: 10px; min-width: 200px;
                     max-width: 420px; background: #fafbfd; }
            .agent.unreported { border-style: dashed; }
            .agent p { margin: 0 0 6px; font-size: 12px; color: #5b6475; word-break: break-all; }
            .slots { display: flex; flex-wrap: wrap; gap: 6px; }
            .slot { width: 82px; padding: 6px 4px; border-radius: 4px; text-align: center; font-size: 12px;
                    border: 1px solid #8c5fc0; word-break: break-all; }
            .slot .gpu { display: block; font-size: 10px; }
            .slot .rank { display: block; font-weight: 600; }
            .slot.used { background: #8c5fc0; color: #fff; }
            .slot.free { background: #fff; color: #7a8290; border-style: dashed; }
            .slot.beyond-count { outline: 2px solid #e7c35a; }
            .cpu-workers { margin: 8px 0 0; padding-left: 18px; font-size: 12px; }
            </style>
            """;

    static String html(RunReport r) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(r.job() == null ? "Training report" : r.job() + " - Training report"))
                .append("</title>\n").append(STYLE).append(UPlotLibrary.style()).append("</head>\n<body>\n");
        out.append(ReportSummary.header(r));
        out.append("<h2>Summary</h2>\n").append(ReportSummary.table(r));
        List<ReportCharts.Panel> panels = ReportCharts.panels(r);
        out.append("<h2>Training</h2>\n<noscript><p class=\"notice\">The charts need JavaScript; the tables below "
                + "have the numbers.</p></noscript>\n<div class=\"plots\">\n");
        panels.forEach(panel -> panel(out, panel));
        out.append("</div>\n");
        out.append("<h2>Placement</h2>\n").append(PlacementMap.html(r.agents(), r.workers()));
        out.append("<h2>Workers</h2>\n").append(ReportTables.workers(r));
        out.append("<h2>Epochs</h2>\n").append(ReportTables.epochs(r));
        out.append("<script type=\"application/json\" id=\"chart-data\">")
                .append(ChartJson.of(panels.stream().map(ReportCharts.Panel::chart).filter(Objects::nonNull).toList()))
                .append("</script>\n");
        out.append(UPlotLibrary.script()).append(ChartScript.SCRIPT).append(RenderCheck.SCRIPT);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void panel(StringBuilder out, ReportCharts.Panel panel) {
        out.append("<div class=\"plot-box\">\n");
        if (panel.chart() == null) {
            out.append("<p class=\"no-data\" data-plot=\"").append(panel.id()).append("\">")
                    .append(Html.escape(panel.missing())).append("</p>\n");
        } else {
            out.append("<div class=\"chart\" id=\"").append(panel.id()).append("\"></div>\n");
            if (panel.caption() != null) {
                out.append("<p class=\"caption\">").append(Html.escape(panel.caption())).append("</p>\n");
            }
        }
        out.append("</div>\n");
    }
}
