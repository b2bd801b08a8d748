package dev.gantry.report;

/**
 * A script that measures what the browser actually built: for each chart box whether uPlot put
 * its {@code div.uplot} with a painted-size canvas there, where the canvas and its plot area sit
 * on the page in CSS pixels, and how many points each series holds; and the placement map's
 * slots. It writes that as JSON into {@code <pre id="render-check">}, so that a headless browser
 * can prove the charts render, not just that the markup exists. It changes nothing a reader
 * sees and fetches nothing.
 */
final class RenderCheck {
    private RenderCheck() {}

    static final String SCRIPT = """
            <pre id="render-check" hidden></pre>
            <script>
            (function () {
              var out = document.getElementById('render-check');
              try {
                var result = {scripts: [], charts: {}, placement: {}};
                Array.prototype.forEach.call(document.scripts, function (s) {
                  result.scripts.push({type: s.type || '', src: s.getAttribute('src')});
                });
                var built = window.gantryCharts || {};
                document.querySelectorAll('div.chart').forEach(function (box) {
                  var chart = {uplot: box.querySelectorAll('div.uplot').length, canvases: 0, series: {}};
                  if (box.classList.contains('chart-error')) { chart.error = box.textContent; }
                  var canvas = box.querySelector('div.uplot canvas');
                  if (canvas) {
                    chart.canvases = box.querySelectorAll('div.uplot canvas').length;
                    var r = canvas.getBoundingClientRect();
                    chart.page = {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width,
                                  height: r.height};
                    chart.pixels = {width: canvas.width, height: canvas.height};
                  }
                  var u = built[box.id];
                  if (u) {
                    var pr = uPlot.pxRatio;
                    chart.plotArea = {x: u.bbox.left / pr, y: u.bbox.top / pr, width: u.bbox.width / pr,
                                      height: u.bbox.height / pr};
                    chart.title = (box.querySelector('.u-title') || {}).textContent || null;
                    u.series.forEach(function (s, i) {
                      if (i === 0) { return; }
                      var values = u.data[i].filter(function (v) { return v != null; });
                      chart.series[s.key] = {label: s.label, points: values.length, first: values[0],
                                             last: values[values.length - 1]};
                    });
                  }
                  result.charts[box.id] = chart;
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
