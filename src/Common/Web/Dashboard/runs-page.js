// The runs: status, progress and accuracy, a page at a time (GET /api/runs).
import { api } from './api.js';
import { el, isUnfinished, percent, statusBadge, time } from './dom.js';

// The statuses GET /api/runs filters by (its problem details list the same six).
const STATUSES = ['Running', 'Pending', 'Suspended', 'Completed', 'Failed', 'Terminated'];
const REFRESH_MS = 3000;

function progress(run) {
  const rounds = run.request?.rounds ?? 0;
  const done = run.status === 'Completed' ? rounds : run.roundsDone;
  const bar = el('progress', { max: Math.max(rounds, 1), value: done });
  const text = run.phase === null ? (run.unfinished ? 'not started' : '–')
    : run.status === 'Completed' ? `${done}/${rounds} rounds`
      : `round ${run.round ?? 0}/${rounds} ${run.phase}`;
  return el('div', { class: 'progress' }, bar, el('span', {}, text));
}

function row(run) {
  const request = run.request;
  return el('tr', { 'data-run': run.id },
    el('td', {}, el('a', { href: `#/runs/${encodeURIComponent(run.id)}`, class: 'run-id', title: run.id }, run.id.slice(0, 12))),
    el('td', {}, statusBadge(run.status)),
    el('td', {}, time(run.createdAt)),
    el('td', {}, progress(run)),
    el('td', { class: 'num' }, percent(run.accuracy)),
    el('td', { class: 'num final-accuracy' }, run.status === 'Completed' ? percent(run.accuracy) : '–'),
    el('td', {}, request ? `${request.effectiveClientsPerRound} of ${request.clients} clients, ${request.localEpochs} epochs, ${request.model}` : '?'));
}

export function renderRuns(view) {
  let status = '';
  let tokens = [null]; // tokens[i] asks for page i
  let page = 0;
  let timer = null;
  let closed = false;

  const filter = el('select', { id: 'status-filter', 'aria-label': 'Status' },
    el('option', { value: '' }, 'all statuses'), ...STATUSES.map(s => el('option', { value: s }, s)));
  const body = el('tbody');
  const message = el('p', { class: 'muted' });
  const previous = el('button', { type: 'button', disabled: true }, '← Previous');
  const next = el('button', { type: 'button', disabled: true }, 'Next →');

  async function load() {
    clearTimeout(timer);
    const query = new URLSearchParams({ pageSize: '20' });
    if (status) query.set('status', status);
    if (tokens[page]) query.set('continuationToken', tokens[page]);
    try {
      const result = await api(`/api/runs?${query}`);
      if (closed) return;
      body.replaceChildren(...result.runs.map(row));
      message.textContent = result.runs.length === 0 ? 'No runs yet: start one.' : '';
      tokens = tokens.slice(0, page + 1);
      if (result.continuationToken) tokens.push(result.continuationToken);
      previous.disabled = page === 0;
      next.disabled = !result.continuationToken;
      if (result.runs.some(r => isUnfinished(r.status))) timer = setTimeout(load, REFRESH_MS);
    } catch (error) {
      if (!closed) message.textContent = `Could not list the runs: ${error.message}`;
    }
  }

  filter.addEventListener('change', () => { status = filter.value; tokens = [null]; page = 0; load(); });
  previous.addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
  next.addEventListener('click', () => { page += 1; load(); });

  view.append(
    el('div', { class: 'title-row' }, el('h1', {}, 'Runs'), filter, el('a', { href: '#/new', class: 'button' }, 'Start a run')),
    el('table', { class: 'runs' },
      el('thead', {}, el('tr', {}, ...['run', 'status', 'created', 'progress', 'accuracy', 'final', 'request'].map(h => el('th', {}, h)))),
      body),
    message,
    el('div', { class: 'pager' }, previous, next));
  load();
  return () => { closed = true; clearTimeout(timer); };
}
