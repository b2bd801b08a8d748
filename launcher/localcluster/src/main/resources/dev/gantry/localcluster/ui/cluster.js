// The embedded cluster's page: its master's own /master/state, drawn every two seconds. The state
// says which GPU devices each task holds (an embedded agent knows; real Mesos keeps that to itself),
// so each GPU shows the framework (for Gantry, the job) and the task that holds it.
// Values reach the page as text, never as markup.
'use strict';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const fmt = (value, digits) => Number(value || 0).toLocaleString(undefined, { maximumFractionDigits: digits || 0 });

function holders(state) {
  const byGpu = new Map();
  const names = new Map(state.frameworks.map(f => [f.id, f.name]));
  for (const framework of state.frameworks) {
    for (const task of framework.tasks || []) {
      if (!['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING'].includes(task.state)) continue;
      for (const index of String(task.gpu_devices || '').split(',').filter(s => s !== '')) {
        byGpu.set(task.agent_id + '/' + index, { framework: names.get(task.framework_id) || task.framework_id,
          task: task.name || task.id, role: task.role });
      }
    }
  }
  return byGpu;
}

function draw(state) {
  document.getElementById('master').textContent = `${state.hostname} · Mesos API ${state.version}`;
  const held = holders(state);
  const offers = state.frameworks.reduce((n, f) => n + (f.offers || []).length, 0);
  document.getElementById('summary').textContent = `${state.agents.length} agent(s), ${state.frameworks.length}`
    + ` framework(s), ${offers} offer(s) outstanding`;
  document.getElementById('agents').replaceChildren(...state.agents.map(agent => el('section',
    { class: 'card agent', 'data-agent': agent.id },
    el('h2', {}, `${agent.hostname} `, el('span', { class: 'muted' }, agent.id)),
    el('div', { class: 'muted' }, `CPUs ${fmt(agent.used_resources.cpus, 1)} of ${fmt(agent.resources.cpus, 1)}, `
      + `memory ${fmt(agent.used_resources.mem)} of ${fmt(agent.resources.mem)} MB, `
      + `GPUs ${fmt(agent.used_resources.gpus)} of ${fmt(agent.resources.gpus)}`),
    el('div', { class: 'gpus' }, ...(agent.gpus || []).map(gpu => {
      const holder = held.get(agent.id + '/' + gpu.index);
      return el('div', { class: holder ? 'gpu held' : 'gpu', 'data-gpu': gpu.index,
        'data-framework': holder ? holder.framework : undefined },
      el('div', { class: 'index' }, `GPU ${gpu.index}`), el('div', { class: 'muted' },
        gpu.simulated && !/simulated/i.test(gpu.model) ? gpu.model + ' (simulated)' : gpu.model),
      holder ? el('div', {}, `${holder.framework}: ${holder.task}`) : el('div', { class: 'muted' }, 'free'));
    })))));
  document.getElementById('frameworks').replaceChildren(...state.frameworks.map(f => el('tr', { 'data-framework': f.name },
    el('td', {}, f.name), el('td', {}, f.role || (f.roles || []).join(', ')), el('td', { class: 'num' }, (f.tasks || []).length),
    el('td', { class: 'num' }, fmt(f.used_resources.cpus, 1)), el('td', { class: 'num' }, fmt(f.used_resources.mem) + ' MB'),
    el('td', { class: 'num' }, fmt(f.used_resources.gpus)), el('td', { class: 'num' }, (f.offers || []).length),
    el('td', {}, /^https?:\/\//.test(f.webui_url || '') ? el('a', { href: f.webui_url, rel: 'noopener' }, 'Spark UI') : ''))));
}

async function refresh() {
  try {
    const response = await fetch('/master/state', { cache: 'no-store' });
    if (!response.ok) throw new Error(`the master answered ${response.status}`);
    draw(await response.json());
    document.getElementById('error').textContent = '';
  } catch (e) {
    document.getElementById('error').textContent = e.message;
  }
  setTimeout(refresh, 2000);
}

refresh();
