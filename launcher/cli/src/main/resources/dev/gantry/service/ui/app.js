// Gantry's web UI: one page, views chosen by the location's hash, data from the service's JSON
// API with the user's bearer token. The token lives in sessionStorage (gone with the tab) and goes
// out only as an Authorization header: no cookie, so no request forged from another site carries it.
// Every value from the API reaches the page as text (textContent), never as markup.
'use strict';

const TOKEN_KEY = 'gantry.token';
const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];
const CANCELLABLE = ['QUEUED', 'STARTING', 'RUNNING', 'PREEMPTED'];
// What one log view keeps: a browser tab is no place for a whole day's log.
const MAX_LOG_CHARS = 256 * 1024;

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const api = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  headers(extra) {
    return Object.assign({ Authorization: 'Bearer ' + api.token() }, extra || {});
  },
  async fetch(method, path, options) {
    const opts = options || {};
    const response = await fetch(path, {
      method, cache: 'no-store', signal: opts.signal, body: opts.body,
      headers: api.headers(opts.type ? { 'Content-Type': opts.type } : {}),
    });
    if (response.status === 401) {
      logout('The service did not accept your token; log in again.');
      throw new ApiError(401, 'not logged in');
    }
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      try {
        message = (await response.json()).error || message;
      } catch (ignored) { /* not JSON */ }
      throw new ApiError(response.status, message);
    }
    return response;
  },
  async json(method, path, options) {
    return (await api.fetch(method, path, options)).json();
  },
};

// ---------------------------------------------------------------- DOM helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function stateBadge(state) {
  return el('span', { class: 'state ' + state, 'data-state': state }, state);
}

function duration(seconds) {
  if (seconds === undefined || seconds === null || !isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(rest).padStart(2, '0')}`
    : `${m}:${String(rest).padStart(2, '0')}`;
}

function since(from, to) {
  if (!from) return undefined;
  return ((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function number(value, digits) {
  return value === undefined || value === null ? '' : Number(value).toLocaleString(undefined,
    { maximumFractionDigits: digits === undefined ? 0 : digits, minimumFractionDigits: digits || 0 });
}

function progressBar(fraction) {
  const pct = Math.max(0, Math.min(1, fraction || 0)) * 100;
  const fill = el('div');
  fill.style.width = pct + '%';
  return el('div', { class: 'bar', title: pct.toFixed(0) + '%' }, fill);
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// ---------------------------------------------------------------- views and their lifetime

// The view on screen owns an AbortController: leaving it stops its timers and streams.
let current = null;
const main = () => document.getElementById('main');

function mount(title, ...children) {
  main().replaceChildren(el('h1', {}, title), ...children);
}

function showError(container, error) {
  container.replaceChildren(el('p', { class: 'error', role: 'alert' }, error.message || String(error)));
}

async function repeat(signal, ms, task) {
  while (!signal.aborted) {
    try {
      await task();
    } catch (e) {
      if (signal.aborted || e.status === 401) return;
      console.warn(e);
    }
    await sleep(ms);
  }
}

function route() {
  if (current) current.abort();
  current = new AbortController();
  const signal = current.signal;
  const hash = location.hash || '#/jobs';
  if (!api.token()) {
    if (hash !== '#/login') location.hash = '#/login';
    loginView();
    return;
  }
  document.getElementById('nav').hidden = false;
  const job = hash.match(/^#\/jobs\/(\d+)$/);
  if (job) jobView(Number(job[1]), signal);
  else if (hash === '#/cluster') clusterView(signal);
  else if (hash === '#/login') { location.hash = '#/jobs'; }
  else jobsView(signal);
}

function logout(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  document.getElementById('nav').hidden = true;
  document.getElementById('whoami').textContent = '';
  location.hash = '#/login';
  loginView(message);
}

async function showWhoami() {
  const me = await api.json('GET', '/api/v1/whoami');
  document.getElementById('whoami').textContent = `${me.user} (${me.team})`;
}

// ---------------------------------------------------------------- login

function loginView(message) {
  document.getElementById('nav').hidden = true;
  const error = el('p', { class: 'error', role: 'alert', id: 'login-error' }, message || '');
  const token = el('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', size: 60,
    placeholder: 'gantry_...' });
  const form = el('form', { class: 'card login', id: 'login-form', onsubmit: async event => {
    event.preventDefault();
    const value = token.value.trim();
    if (!value) { error.textContent = 'Paste your token (gantry serve token USER prints one).'; return; }
    const response = await fetch('/api/v1/whoami', { headers: { Authorization: 'Bearer ' + value } });
    if (!response.ok) {
      error.textContent = response.status === 401 ? 'This token is not known to the service.'
        : 'The service answered ' + response.status + '.';
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, value);
    location.hash = '#/jobs';
    await showWhoami();
    route();
  } },
  el('h1', {}, 'Log in to Gantry'),
  el('p', { class: 'muted' }, 'Your token is in ~/.gantry/token, or ask whoever runs the service.'),
  el('div', { class: 'row' }, token, el('button', { class: 'primary', type: 'submit', id: 'login' }, 'Log in')),
  error);
  main().replaceChildren(form);
  token.focus();
}

// ---------------------------------------------------------------- jobs and queue

function jobsView(signal) {
  const jobsBody = el('tbody', { id: 'jobs' });
  const queueBody = el('tbody', { id: 'queue' });
  const listError = el('div');
  mount('Jobs', submitForm(), listError,
    el('section', { class: 'card' }, el('h2', {}, "Your team's jobs"), el('table', {},
      el('thead', {}, el('tr', {}, ['Job', 'Name', 'User', 'State', 'GPUs', 'Priority', 'Submitted', 'Waited',
        'Progress', 'ETA', ''].map(h => el('th', {}, h)))), jobsBody)),
    el('section', { class: 'card' }, el('h2', {}, 'Queue (every team)'), el('table', {},
      el('thead', {}, el('tr', {}, ['#', 'Job', 'Team', 'Name', 'User', 'GPUs', 'Why it waits'].map(h => el('th', {}, h)))),
      queueBody)));
  repeat(signal, 2000, async () => {
    try {
      const [list, queue] = await Promise.all([api.json('GET', '/api/v1/jobs?limit=100', { signal }),
        api.json('GET', '/api/v1/queue', { signal })]);
      const running = list.jobs.filter(j => j.state === 'RUNNING').slice(0, 20);
      const details = await Promise.all(running.map(j => api.json('GET', '/api/v1/jobs/' + j.id, { signal })
        .catch(() => j)));
      const progress = new Map(details.map(d => [d.id, d.progress]));
      jobsBody.replaceChildren(...list.jobs.map(job => jobRow(job, progress.get(job.id))));
      queueBody.replaceChildren(...queue.queue.map(entry => el('tr', { 'data-job': entry.job_id },
        el('td', { class: 'num' }, entry.position), el('td', {}, entry.name !== undefined
          ? el('a', { href: '#/jobs/' + entry.job_id }, entry.job_id) : entry.job_id),
        el('td', {}, entry.team), el('td', {}, entry.name || ''), el('td', {}, entry.user || ''),
        el('td', { class: 'num' }, entry.gpus === undefined ? '' : entry.gpus), el('td', {}, entry.reason || ''))));
      listError.replaceChildren();
    } catch (e) {
      if (!signal.aborted && e.status !== 401) showError(listError, e);
      throw e;
    }
  });
}

function jobRow(job, progress) {
  const waited = job.started_at ? since(job.submitted_at, job.started_at)
    : (FINAL.includes(job.state) ? undefined : since(job.submitted_at));
  const fraction = progress && progress.total_steps ? progress.step / progress.total_steps : undefined;
  return el('tr', { 'data-job': job.id, 'data-state': job.state },
    el('td', {}, el('a', { href: '#/jobs/' + job.id }, job.id)),
    el('td', {}, job.name), el('td', {}, job.user), el('td', {}, stateBadge(job.state)),
    el('td', { class: 'num' }, job.gpus), el('td', { class: 'num' }, job.priority),
    el('td', {}, time(job.submitted_at)), el('td', { class: 'num' }, duration(waited)),
    el('td', {}, fraction === undefined ? (job.state === 'COMPLETED' ? progressBar(1) : '') : progressBar(fraction)),
    el('td', { class: 'num' }, progress ? duration(progress.eta_seconds) : ''),
    el('td', {}, CANCELLABLE.includes(job.state) ? cancelButton(job.id) : ''));
}

function cancelButton(id, after) {
  return el('button', { class: 'danger cancel', type: 'button', 'data-job': id, onclick: async event => {
    event.target.disabled = true;
    try {
      await api.json('POST', `/api/v1/jobs/${id}/cancel`);
      if (after) after();
    } catch (e) {
      event.target.disabled = false;
      alert(e.message);
    }
  } }, 'Cancel');
}

function submitForm() {
  const spec = el('textarea', { id: 'spec', rows: 10, spellcheck: 'false',
    placeholder: 'name: mnist\nframework: tensorflow\n...' });
  const priority = el('input', { type: 'number', id: 'priority', value: 0, min: -1000, max: 1000, step: 1 });
  const file = el('input', { type: 'file', accept: '.yaml,.yml,.json', onchange: async () => {
    if (file.files.length) spec.value = await file.files[0].text();
  } });
  const result = el('div', { id: 'submit-result' });
  return el('form', { class: 'card', id: 'submit-form', onsubmit: async event => {
    event.preventDefault();
    result.replaceChildren();
    try {
      const job = await api.json('POST', '/api/v1/jobs?priority=' + encodeURIComponent(priority.value || '0'),
        { body: spec.value, type: 'application/yaml' });
      location.hash = '#/jobs/' + job.id;
    } catch (e) {
      if (e.status !== 401) showError(result, e);
    }
  } },
  el('h2', {}, 'Submit a job'), spec,
  el('div', { class: 'row' }, el('label', {}, 'Priority ', priority), file,
    el('button', { class: 'primary', type: 'submit', id: 'submit' }, 'Submit')), result);
}

// ---------------------------------------------------------------- one job

function jobView(id, signal) {
  const facts = el('dl', { class: 'facts', id: 'job-facts' });
  const header = el('div', { class: 'row', id: 'job-header' });
  const error = el('div', { id: 'job-error' });
  const progress = el('div', { id: 'job-progress' });
  const lossChart = chartBox('loss-chart', 'Loss per step', 'step');
  const epochChart = chartBox('epoch-chart', 'Loss and validation accuracy per epoch', 'epoch');
  const speedChart = chartBox('speed-chart', 'Samples per second', 'step');
  const placement = el('tbody', { id: 'placement' });
  const workers = el('tbody', { id: 'worker-speeds' });
  const links = el('ul', { id: 'job-links' });
  const spec = el('pre', { id: 'job-spec' });
  const events = el('tbody', { id: 'job-events' });
  const notes = el('ul', { id: 'job-notes' });
  mount('Job ' + id, error, header,
    el('section', { class: 'card' }, facts, progress),
    el('div', { class: 'grid' }, lossChart.section, epochChart.section, speedChart.section),
    el('div', { class: 'grid' },
      el('section', { class: 'card' }, el('h2', {}, 'Placement'), el('table', {}, el('thead', {}, el('tr', {},
        ['Worker', 'Executor', 'Agent', 'Host', 'CPUs', 'Memory', 'GPUs'].map(h => el('th', {}, h)))), placement)),
      el('section', { class: 'card' }, el('h2', {}, 'Samples per second by worker'), el('table', {},
        el('thead', {}, el('tr', {}, el('th', {}, 'Worker'), el('th', { class: 'num' }, 'samples/s'))), workers)),
      el('section', { class: 'card' }, el('h2', {}, 'Links'), links, el('h2', {}, 'Notes'), notes)),
    logPanel(id, signal),
    el('section', { class: 'card' }, el('h2', {}, 'Spec'), spec),
    el('section', { class: 'card' }, el('h2', {}, 'History'), el('table', {}, el('thead', {}, el('tr', {},
      ['At', 'From', 'To', 'Reason'].map(h => el('th', {}, h)))), events)));

  const series = { steps: [], losses: [], epochs: [], epochLoss: [], accuracy: [], validationLoss: [], speedSteps: [],
    speeds: [] };
  let redraw = null;
  const scheduleRedraw = () => {
    if (redraw) return;
    redraw = setTimeout(() => {
      redraw = null;
      lossChart.set([series.steps, series.losses], [{ label: 'loss', stroke: '#2e6bd9' }]);
      epochChart.set([series.epochs, series.epochLoss, series.validationLoss, series.accuracy],
        [{ label: 'loss', stroke: '#2e6bd9', scale: 'loss' },
          { label: 'validation loss', stroke: '#c0392b', scale: 'loss' },
          { label: 'validation accuracy', stroke: '#1e8e3e', scale: 'accuracy' }]);
      speedChart.set([series.speedSteps, series.speeds], [{ label: 'samples/s', stroke: '#b7791f' }]);
    }, 300);
  };

  const onProgress = event => {
    switch (event.type) {
      case 'start':
        if (event.resumed_from_step) notes.append(el('li', {}, `attempt resumed from step ${event.resumed_from_step}`));
        break;
      case 'steps': {
        const first = event.first_step;
        event.loss.forEach((loss, i) => {
          const step = first + i;
          // A resumed attempt repeats steps after its checkpoint: keep the newest value of a step.
          while (series.steps.length && series.steps[series.steps.length - 1] >= step) {
            series.steps.pop();
            series.losses.pop();
          }
          series.steps.push(step);
          series.losses.push(loss === null ? null : loss);
        });
        scheduleRedraw();
        break;
      }
      case 'step':
        series.speedSteps.push(event.step);
        series.speeds.push(event.samples_per_second);
        progress.replaceChildren(el('div', { class: 'row' }, progressBar(event.total_steps ? event.step / event.total_steps : 0),
          `step ${number(event.step)} of ${number(event.total_steps)}, epoch ${event.epoch}, loss ${number(event.loss, 4)}, `
          + `${number(event.samples_per_second)} samples/s`));
        scheduleRedraw();
        break;
      case 'epoch':
        series.epochs.push(event.epoch);
        series.epochLoss.push(event.loss === undefined ? null : event.loss);
        series.accuracy.push(event.validation_accuracy === undefined ? null : event.validation_accuracy);
        series.validationLoss.push(event.validation_loss === undefined ? null : event.validation_loss);
        scheduleRedraw();
        break;
      case 'placement':
        placement.replaceChildren(...(event.executors || []).map(e => el('tr', {},
          el('td', {}, e.worker), el('td', {}, e.executor_id), el('td', {}, e.agent_id), el('td', {}, e.host),
          el('td', { class: 'num' }, e.cpus), el('td', { class: 'num' }, e.mem_mb === undefined ? '' : e.mem_mb + ' MB'),
          el('td', {}, (e.gpus || []).join(', ')))));
        break;
      case 'note':
        notes.append(el('li', {}, event.line));
        break;
      case 'end':
        notes.append(el('li', {}, `run ${event.outcome} after ${number(event.steps)} steps`));
        // Each worker's own rate is measured over the whole run, so it comes at its end.
        if (Array.isArray(event.workers)) {
          workers.replaceChildren(...event.workers.map(w => el('tr', {}, el('td', {}, w.rank),
            el('td', { class: 'num' }, number(w.samples_per_second)))));
        }
        break;
      default:
        break;
    }
  };

  let specShown = false;
  repeat(signal, 2000, async () => {
    let job;
    try {
      job = await api.json('GET', '/api/v1/jobs/' + id, { signal });
    } catch (e) {
      if (!signal.aborted && e.status !== 401) showError(error, e);
      throw e;
    }
    error.replaceChildren();
    header.replaceChildren(el('span', { id: 'job-name' }, job.name), stateBadge(job.state),
      CANCELLABLE.includes(job.state) ? cancelButton(job.id) : '');
    facts.replaceChildren(...[
      ['Team', job.team], ['User', job.user], ['GPUs', job.gpus], ['Priority', job.priority],
      ['Attempts', job.attempts], ['Submitted', time(job.submitted_at)], ['Started', time(job.started_at)],
      ['Finished', time(job.finished_at)],
      ['Waited', duration(job.started_at ? since(job.submitted_at, job.started_at) : since(job.submitted_at))],
      ['GPU time', duration(job.gpu_seconds)], ['Output', job.output_directory],
      ['ETA', job.progress ? duration(job.progress.eta_seconds) : ''],
      ['Exit code', job.exit_code], ['Error', job.error],
    ].filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
    if (!specShown && job.spec) {
      spec.textContent = job.spec;
      specShown = true;
    }
    links.replaceChildren(...jobLinks(job));
    events.replaceChildren(...(job.events || []).map(e => el('tr', {}, el('td', {}, time(e.at)),
      el('td', {}, e.from || ''), el('td', {}, e.to), el('td', {}, e.reason || ''))));
  });
  followProgress(id, signal, onProgress);
}

function jobLinks(job) {
  const items = [];
  if (job.spark_ui) items.push(el('li', {}, el('a', { href: job.spark_ui, target: '_blank', rel: 'noopener' }, 'Spark UI')));
  for (const sandbox of job.sandboxes || []) {
    items.push(el('li', {}, el('a', { href: sandbox.url, target: '_blank', rel: 'noopener' },
      `Mesos sandbox of ${sandbox.process}${sandbox.attempt ? ' (attempt ' + sandbox.attempt + ')' : ''}`)));
  }
  if (job.report) {
    items.push(el('li', {}, el('a', { href: '#', id: 'report-link', onclick: async event => {
      event.preventDefault();
      // The report is behind the token, so the browser cannot simply follow a link to it.
      const blob = await (await api.fetch('GET', `/api/v1/jobs/${job.id}/report`)).blob();
      const link = el('a', { href: URL.createObjectURL(blob), download: `${job.name}-report.html` });
      document.body.append(link);
      link.click();
      link.remove();
    } }, 'Report (report.html)')));
  }
  return items;
}

// The progress stream is server-sent events; read through fetch rather than EventSource, which
// cannot send the Authorization header. Reconnects from the last event's id.
async function followProgress(id, signal, onEvent) {
  let offset = 0;
  while (!signal.aborted) {
    try {
      const response = await api.fetch('GET', `/api/v1/jobs/${id}/progress/stream?offset=${offset}`, { signal });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = { event: 'message', data: [] };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') event.data.push(text);
            else if (field === 'id') event.id = text;
            else if (field === 'event') event.event = text;
          }
          if (event.id !== undefined) offset = Number(event.id);
          if (event.event === 'end') return;
          if (event.event === 'message' && event.data.length) onEvent(JSON.parse(event.data.join('\n')));
        }
      }
    } catch (e) {
      if (signal.aborted || e.status === 401 || e.status === 403 || e.status === 404) return;
    }
    await sleep(2000);
  }
}

// Axis labels short enough for the axis: 41,717 samples/s reads 41.7k.
function compact(values) {
  return values.map(v => v === null ? '' : Math.abs(v) >= 1e6 ? +(v / 1e6).toFixed(1) + 'M'
    : Math.abs(v) >= 1e3 ? +(v / 1e3).toFixed(1) + 'k' : +v.toPrecision(3));
}

function chartBox(id, title, xLabel) {
  const box = el('div', { class: 'chart', id, 'data-points': 0 });
  const section = el('section', { class: 'card' }, el('h2', {}, title), box);
  let plot = null;
  let shape = '';
  return {
    section,
    set(data, series) {
      box.dataset.points = data[0].length;
      if (!data[0].length) return;
      const key = series.map(s => s.label).join('|');
      if (!plot || shape !== key) {
        if (plot) plot.destroy();
        shape = key;
        const scales = { x: { time: false } };
        const axes = [{ label: xLabel }];
        series.forEach(s => {
          if (s.scale && !scales[s.scale]) {
            const first = axes.length === 1;
            scales[s.scale] = {};
            axes.push({ scale: s.scale, side: first ? 3 : 1, label: s.scale, grid: { show: first },
              values: (u, ticks) => compact(ticks) });
          }
        });
        if (axes.length === 1) axes.push({ values: (u, ticks) => compact(ticks) });
        plot = new uPlot({
          width: Math.max(360, box.clientWidth || 480), height: 240, scales, axes,
          series: [{ label: 'x' }, ...series.map(s => Object.assign({ width: 1.5, spanGaps: true }, s))],
        }, data, box);
      } else {
        plot.setData(data);
      }
    },
  };
}

// ---------------------------------------------------------------- logs

function logPanel(id, signal) {
  const select = el('select', { id: 'log-name' });
  const output = el('pre', { id: 'log-text' }, '');
  const status = el('span', { class: 'muted', id: 'log-status' });
  let follower = null;
  const open = name => {
    if (follower) follower.abort();
    follower = new AbortController();
    const stop = follower;
    signal.addEventListener('abort', () => stop.abort());
    output.textContent = '';
    tailLog(id, name, output, status, stop.signal);
  };
  select.addEventListener('change', () => open(select.value));
  const section = el('section', { class: 'card' }, el('h2', {}, 'Logs'),
    el('div', { class: 'row' }, el('label', {}, 'Log ', select), status), output);
  repeat(signal, 5000, async () => {
    const { logs } = await api.json('GET', `/api/v1/jobs/${id}/logs`, { signal });
    const names = logs.map(l => l.name);
    const known = Array.from(select.options).map(o => o.value);
    if (names.join() !== known.join()) {
      const chosen = select.value;
      select.replaceChildren(el('option', { value: '' }, 'choose a log'), ...names.map(n => el('option', { value: n }, n)));
      select.value = names.includes(chosen) ? chosen : '';
    }
  });
  return section;
}

async function tailLog(id, name, output, status, signal) {
  if (!name) return;
  let offset = 0;
  const decoder = new TextDecoder();
  while (!signal.aborted) {
    try {
      const response = await api.fetch('GET', `/api/v1/jobs/${id}/logs/${encodeURIComponent(name)}?offset=${offset}`
        + '&length=262144', { signal });
      const bytes = new Uint8Array(await response.arrayBuffer());
      offset = Number(response.headers.get('X-Gantry-Next-Offset') || offset + bytes.length);
      const complete = response.headers.get('X-Gantry-Log-Complete') === 'true';
      if (bytes.length) {
        const text = output.textContent + decoder.decode(bytes, { stream: !complete });
        output.textContent = text.length > MAX_LOG_CHARS ? text.slice(text.length - MAX_LOG_CHARS) : text;
        output.scrollTop = output.scrollHeight;
      }
      status.textContent = complete ? 'complete' : 'following';
      if (complete && !bytes.length) return;
      if (!bytes.length) await sleep(1000);
    } catch (e) {
      if (signal.aborted || e.status === 401) return;
      status.textContent = e.message;
      await sleep(2000);
    }
  }
}

// ---------------------------------------------------------------- cluster

function clusterView(signal) {
  const agents = el('div', { id: 'agents' });
  const roles = el('tbody', { id: 'roles' });
  const error = el('div');
  const summary = el('p', { id: 'cluster-summary', class: 'muted' });
  mount('Cluster', error, summary, agents,
    el('section', { class: 'card' }, el('h2', {}, 'Roles'), el('table', {}, el('thead', {}, el('tr', {},
      ['Role', 'GPUs used', 'CPUs used', 'Memory used', 'GPUs reserved', 'Offers outstanding'].map(h => el('th', {}, h)))),
    roles)));
  repeat(signal, 3000, async () => {
    let cluster;
    try {
      cluster = await api.json('GET', '/api/v1/cluster', { signal });
    } catch (e) {
      if (!signal.aborted && e.status !== 401) showError(error, e);
      throw e;
    }
    error.replaceChildren();
    const amounts = a => a ? `${number(a.gpus)} GPUs, ${number(a.cpus, 1)} CPUs, ${number(a.mem_mb)} MB` : '';
    summary.textContent = `${cluster.agents.length} agent(s). Used: ${amounts(cluster.used)}. Free: ${amounts(cluster.free)}.`;
    agents.replaceChildren(...cluster.agents.map(agent => el('section', { class: 'card agent', 'data-agent': agent.id },
      el('h2', {}, agent.hostname + ' ', el('span', { class: 'muted' }, agent.id + (agent.active === false ? ' (inactive)' : ''))),
      el('div', { class: 'muted' }, `CPUs ${number(agent.used.cpus, 1)} of ${number(agent.total.cpus, 1)}, memory `
        + `${number(agent.used.mem_mb)} of ${number(agent.total.mem_mb)} MB, GPUs ${number(agent.used.gpus)} of `
        + `${number(agent.total.gpus)}${agent.gpu_model ? ' (' + agent.gpu_model + ')' : ''}`),
      el('div', { class: 'gpus' }, ...(agent.gpus || []).map(slot => gpuBox(slot))))));
    roles.replaceChildren(...(cluster.roles || []).map(role => el('tr', { 'data-role': role.role },
      el('td', {}, role.role), el('td', { class: 'num' }, number(role.used && role.used.gpus)),
      el('td', { class: 'num' }, number(role.used && role.used.cpus, 1)),
      el('td', { class: 'num' }, number(role.used && role.used.mem_mb) + ' MB'),
      el('td', { class: 'num' }, number(role.reserved && role.reserved.gpus)),
      el('td', { class: 'num' }, role.offers_outstanding === undefined ? '' : role.offers_outstanding))));
  });
}

function gpuBox(slot) {
  const held = slot.held_by;
  let holder = el('div', { class: 'muted' }, 'free');
  if (held && held.job_id !== undefined) {
    holder = el('div', {}, held.name !== undefined
      ? el('a', { href: '#/jobs/' + held.job_id }, `job ${held.job_id} ${held.name}`) : `job ${held.job_id}`,
    el('div', { class: 'muted' }, 'team ' + held.team));
  } else if (held) {
    holder = el('div', {}, 'framework ' + held.framework);
  }
  return el('div', { class: 'gpu' + (held ? ' held' : ''), 'data-gpu': slot.index,
    'data-job': held && held.job_id !== undefined ? held.job_id : undefined },
  el('div', { class: 'index' }, 'GPU ' + slot.index), holder);
}

// ---------------------------------------------------------------- start

document.getElementById('logout').addEventListener('click', () => logout());
window.addEventListener('hashchange', route);
if (api.token()) showWhoami().catch(() => {});
route();
