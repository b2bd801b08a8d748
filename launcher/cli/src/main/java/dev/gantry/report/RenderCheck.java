package dev.gantry.report;

/**
 * The report's only script. It measures what the browser actually laid out (the size of each
 * plot's lines, dots and bars in SVG units, where each plot sits on the page in CSS pixels, the
 * placement map's slots) and writes it as JSON into {@code <pre id="render-check">}, so that a
 * headless browser can prove the plots render, not just that the markup exists. It changes nothing a reader sees, reads no report data itself
 * (the data stays in escaped markup) and fetches nothing.
 */
final class RenderCheck {
    private RenderCheck() {}

    static final String SCRIPT = """
            <pre id="render-check" hidden></pre>
            <script>
            (function () {
              var out = document.getElementById('render-check');
              try {
                var result = {scripts: document.scripts.length, plots: {}, placement: {}};
                document.querySelectorAll('svg.plot').forEach(function (svg) {
                  var frame = svg.querySelector('rect.frame').getBBox();
                  var page = svg.getBoundingClientRect();
                  var plot = {frame: {x: frame.x, y: frame.y, width: frame.width, height: frame.height},
                              page: {x: page.left + window.scrollX, y: page.top + window.scrollY,
                                     width: page.width, height: page.height},
                              ticks: 0, series: {}, bars: []};
                  svg.querySelectorAll('text.tick').forEach(function (t) {
                    var b = t.getBBox();
                    if (b.width > 0 && b.height > 0) { plot.ticks++; }
                  });
                  svg.querySelectorAll('g[data-series]').forEach(function (g) {
                    var b = g.getBBox();
                    var points = 0;
                    g.querySelectorAll('polyline').forEach(function (p) { points += p.points.numberOfItems; });
                    plot.series[g.getAttribute('data-series')] = {
                      points: points, dots: g.querySelectorAll('circle').length,
                      x: b.x, y: b.y, width: b.width, height: b.height};
                  });
                  svg.querySelectorAll('rect.bar').forEach(function (r) {
                    var b = r.getBBox();
                    plot.bars.push({key: r.getAttribute('data-key'), x: b.x, y: b.y, width: b.width,
                                    height: b.height});
                  });
                  result.plots[svg.id] = plot;
                });
                var map = document.getElementById('placement-map');
                var p = result.placement;
                p.agents = map.querySelectorAll('.agent').length;
                p.slots = [];
                map.querySelectorAll('.slot').forEach(function (s) {
                  var r = s.getBoundingClientRect();
                  var ranks = (s.getAttribute('data-rank') || '').split(' ').filter(Boolean).map(Number);
                  p.slots.push({ranks: ranks, width: r.width, height: r.height});
                });
                p.cpuWorkers = [];
                map.querySelectorAll('.cpu-worker').forEach(function (w) {
                  var r = w.getBoundingClientRect();
                  if (r.width > 0 && r.height > 0) { p.cpuWorkers.push(Number(w.getAttribute('data-rank'))); }
                });
                out.textContent = JSON.stringify(result);
              } catch (e) {
                out.textContent = JSON.stringify({error: String(e)});
              }
            })();
            </script>
            """;
}
