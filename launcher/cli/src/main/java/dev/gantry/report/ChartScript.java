package dev.gantry.report;

/**
 * The script that draws the report's charts with uPlot, from the JSON block
 * {@code <script type="application/json" id="chart-data">} ({@link ChartJson}). uPlot draws the
 * axes, ticks, lines, dots, bars and legend. Two small things it has no option for are drawn
 * here on its canvas, in its draw hook: the dashed line at the step a run resumed from, and
 * the note (compute share) over each bar. A chart that fails to draw says so in its box and
 * leaves the others alone. Charts are kept in {@code window.gantryCharts} by element id, for
 * the page's render check.
 */
final class ChartScript {
    private ChartScript() {}

    static final String SCRIPT = """
            <script>
            (function () {
              var HEIGHT = 320;
              // More notes than this overlap their neighbours; the table under the charts has them all.
              var MAX_NOTES = 16;
              var pr = uPlot.pxRatio;
              var charts = window.gantryCharts = {};
              var data = JSON.parse(document.getElementById('chart-data').textContent);

              function width(box) { return Math.max(320, box.clientWidth); }

              function options(c, box) {
                var lo = c.xRange[0], hi = c.xRange[1];
                if (lo === hi) { lo -= 1; hi += 1; } // one step: still an axis with a span
                return {
                  title: c.title, width: width(box), height: HEIGHT,
                  scales: {x: {time: false, range: function () { return [lo, hi]; }}},
                  axes: [{label: c.xLabel}, {label: c.yLabel}],
                  series: [{label: c.xLabel}],
                  hooks: {draw: []}
                };
              }

              function lines(c, box) {
                var o = options(c, box);
                c.series.forEach(function (s) {
                  o.series.push({key: s.key, label: s.label, stroke: s.color, width: 1.5,
                                 // Series share one x column: the rows of the others' points are gaps.
                                 spanGaps: true,
                                 points: s.dots ? {show: true, size: 7, fill: s.color, stroke: s.color} : {}});
                });
                if (c.markers.length) { o.hooks.draw.push(function (u) { markers(u, c.markers); }); }
                return new uPlot(o, c.data, box);
              }

              function bars(c, box) {
                var o = options(c, box);
                var s = c.series[0];
                o.scales.y = {range: function (u, min, max) {
                  // Bars grow from zero, so zero is always on the axis, with room above for the notes.
                  var lo = Math.min(0, min == null ? 0 : min), hi = Math.max(0, max == null ? 0 : max);
                  if (lo === hi) { hi = 1; }
                  var pad = (hi - lo) * 0.12;
                  return [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0];
                }};
                o.axes[0].incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
                o.axes[0].values = function (u, splits) {
                  return splits.map(function (v) { return c.categories[v] == null ? '' : c.categories[v]; });
                };
                o.series.push({key: s.key, label: s.label, stroke: s.color, fill: s.color, width: 1,
                               points: {show: false}, paths: uPlot.paths.bars({size: [0.6, Infinity], align: 0})});
                if (c.notes.length <= MAX_NOTES) { o.hooks.draw.push(function (u) { notes(u, c.notes); }); }
                return new uPlot(o, c.data, box);
              }

              function markers(u, list) {
                var ctx = u.ctx, b = u.bbox;
                ctx.save();
                ctx.strokeStyle = ctx.fillStyle = '#555';
                ctx.lineWidth = pr;
                ctx.setLineDash([4 * pr, 3 * pr]);
                ctx.font = (11 * pr) + 'px sans-serif';
                list.forEach(function (m) {
                  var x = Math.round(u.valToPos(m.x, 'x', true));
                  if (x < b.left || x > b.left + b.width) { return; }
                  ctx.beginPath();
                  ctx.moveTo(x, b.top);
                  ctx.lineTo(x, b.top + b.height);
                  ctx.stroke();
                  ctx.fillText(m.label, x + 4 * pr, b.top + 12 * pr);
                });
                ctx.restore();
              }

              function notes(u, list) {
                var ctx = u.ctx, b = u.bbox;
                ctx.save();
                ctx.fillStyle = '#5b6475';
                ctx.font = (10 * pr) + 'px sans-serif';
                ctx.textAlign = 'center';
                list.forEach(function (note, i) {
                  if (note == null) { return; }
                  var v = u.data[1][i];
                  var y = u.valToPos(v == null ? 0 : Math.max(0, v), 'y', true) - 4 * pr;
                  ctx.fillText(note, u.valToPos(i, 'x', true), Math.max(b.top + 10 * pr, y));
                });
                ctx.restore();
              }

              data.forEach(function (c) {
                var box = document.getElementById(c.id);
                try {
                  charts[c.id] = c.kind === 'bars' ? bars(c, box) : lines(c, box);
                } catch (e) {
                  box.className += ' chart-error';
                  box.textContent = 'This chart could not be drawn: ' + e;
                }
              });

              window.addEventListener('resize', function () {
                Object.keys(charts).forEach(function (id) {
                  charts[id].setSize({width: width(document.getElementById(id)), height: HEIGHT});
                });
              });
            })();
            </script>
            """;
}
