package dev.gantry.report;

/** The whole page: one self-contained HTML file, styles and plots inline, nothing to fetch. */
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
            .plot-box { flex: 1 1 560px; max-width: 660px; }
            .plot-box p.caption { font-size: 12px; color: #5b6475; margin: 2px 0 0; }
            svg.plot { width: 100%; height: auto; font-size: 11px; fill: #1d2330; }
            svg.plot .title { font-size: 14px; font-weight: 600; }
            svg.plot .frame { fill: #fafbfd; stroke: #b8c0cc; }
            svg.plot .grid { stroke: #e3e7ee; }
            svg.plot .tick-mark { stroke: #8a93a3; }
            svg.plot .axis-label { font-size: 12px; fill: #5b6475; }
            svg.plot .bar-note { font-size: 10px; fill: #5b6475; }
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
                .append("</title>\n").append(STYLE).append("</head>\n<body>\n");
        out.append(ReportSummary.header(r));
        out.append("<h2>Summary</h2>\n").append(ReportSummary.table(r));
        out.append("<h2>Training</h2>\n<div class=\"plots\">\n");
        plot(out, ReportPlots.loss(r), null);
        plot(out, ReportPlots.accuracy(r), null);
        plot(out, ReportPlots.workerThroughput(r),
                "Over each bar: the worker's share of time spent computing rather than waiting on all-reduce.");
        plot(out, ReportPlots.stepThroughput(r), null);
        out.append("</div>\n");
        out.append("<h2>Placement</h2>\n").append(PlacementMap.html(r.agents(), r.workers()));
        out.append("<h2>Workers</h2>\n").append(ReportTables.workers(r));
        out.append("<h2>Epochs</h2>\n").append(ReportTables.epochs(r));
        out.append(RenderCheck.SCRIPT);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void plot(StringBuilder out, String plot, String caption) {
        out.append("<div class=\"plot-box\">\n").append(plot);
        if (caption != null && plot.startsWith("<svg")) {
            out.append("<p class=\"caption\">").append(Html.escape(caption)).append("</p>\n");
        }
        out.append("</div>\n");
    }
}
