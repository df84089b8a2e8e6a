// One run, updating while it trains: accuracy and loss per round (with, when the run has them, the
// per-client accuracy spread and the privacy spent), the partition, each client, the request, and
// stop (POST /api/runs/{id}/stop, the path that writes the stop marker).
import { api, ApiError } from './api.js';
import { heatMap, lineChart } from './charts.js';
import { el, isUnfinished, number, percent, seconds, statusBadge, time } from './dom.js';

const POLL_MS = 1000;
const MAX_CLIENT_ROWS = 100;

/** Per client: its shard, the rounds it trained in, its last loss, its time and its failures. */
function clientRows(run, history, partition, failures) {
  const clients = new Map();
  const entry = id => {
    if (!clients.has(id)) clients.set(id, { id, samples: undefined, rounds: 0, loss: NaN, seconds: 0, failures: [], now: '' });
    return clients.get(id);
  };
  for (const shard of partition ?? []) entry(shard.client).samples = shard.samples;
  for (const round of history) {
    if (round.clientResults) {
      for (const c of round.clientResults) {
        const e = entry(c.client);
        e.rounds += 1;
        e.loss = c.trainLoss;
        e.seconds += c.trainSeconds;
        e.samples ??= c.samples;
      }
    } else {
      // Runs recorded before per-client numbers were kept: who trained, and on how many images.
      round.clients.forEach((id, i) => { const e = entry(id); e.rounds += 1; e.samples ??= round.sampleCounts[i]; });
    }
  }
  for (const f of failures) entry(f.client).failures.push(`round ${f.round}: ${f.reason}`);
  const status = run.progress;
  if (isUnfinished(run.runtimeStatus) && status?.phase === 'training') {
    for (const id of status.trainingClients) entry(id).now = 'training';
    for (const c of status.finishedClients ?? []) entry(c.client).now = c.succeeded ? 'trained' : 'failed';
  }
  return [...clients.values()].sort((a, b) => a.id - b.id);
}

/** The last round that carries `key` (privacy, clientEvaluation): runs without the feature have none. */
function latest(history, key) {
  for (let i = history.length - 1; i >= 0; i--) if (history[i][key]) return history[i];
  return undefined;
}

// ε is null when the noise multiplier is 0: clipping alone buys no privacy, so the spend is unbounded.
function epsilonText(privacy) {
  return Number.isFinite(privacy.epsilon) ? privacy.epsilon.toFixed(2) : 'unbounded';
}

function privacyStatus(history) {
  const round = latest(history, 'privacy');
  if (!round) return '';
  const p = round.privacy;
  return el('span', { id: 'privacy-epsilon', title: `round ${round.round}: clip ${number(p.clipNorm)}, noise std ${number(p.noiseStd, 5)}, ` +
    `${p.unclipped} updates within the clip, next clip ${number(p.nextClipNorm)}` }, `ε ${epsilonText(p)} (δ ${p.delta})`);
}

function privacyChart(history, rounds) {
  if (!latest(history, 'privacy')) return '';
  return lineChart({
    title: 'Privacy spent (ε, all rounds so far)', className: 'epsilon-chart', rounds, yMin: 0,
    format: v => v.toFixed(1),
    series: [{ name: 'epsilon', points: history.filter(h => h.privacy).map(h => [h.round, h.privacy.epsilon]) }],
  });
}

// The spread says more than the mean: a federation can average well while some clients' own data fares badly.
const CLIENT_QUANTILES = ['min', 'p10', 'p50', 'p90'];

function clientAccuracyChart(history, rounds) {
  if (!latest(history, 'clientEvaluation')) return '';
  const evaluated = history.filter(h => h.clientEvaluation);
  return lineChart({
    title: 'Per-client accuracy (held-out data)', className: 'client-accuracy-chart', rounds, yMin: 0, yMax: 1, legendWidth: 56,
    format: v => `${Math.round(v * 100)}%`,
    series: CLIENT_QUANTILES.map(q => ({ name: q, points: evaluated.map(h => [h.round, h.clientEvaluation[q]]) })),
  });
}

function worstClient(history) {
  const round = latest(history, 'clientEvaluation');
  if (!round) return '';
  const e = round.clientEvaluation;
  return el('p', { id: 'worst-client', class: 'muted' },
    `Round ${round.round}: worst client ${e.worstClient} at ${percent(e.min)}; mean ${percent(e.mean)} over ${e.count} clients' ${e.samples} held-out images.`);
}

function requestTable(request) {
  if (!request) return el('p', { class: 'muted' }, 'The request could not be read.');
  return el('table', { class: 'request' }, el('tbody', {},
    ...Object.entries(request).map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value === null ? '–' : String(value))))));
}

export function renderRun(view, id) {
  let timer = null;
  let closed = false;
  let confirming = false;

  const heading = el('h1', {}, 'Run ', el('code', {}, id));
  const status = el('div', { class: 'run-status' });
  const stop = el('button', { type: 'button', id: 'stop-run', class: 'danger', hidden: true }, 'Stop run');
  const stopMessage = el('span', { class: 'muted', id: 'stop-message' });
  const failure = el('div', { class: 'alert', hidden: true });
  const charts = el('div', { class: 'charts' });
  const clientEvaluation = el('div');
  const partitionSection = el('section', { class: 'card' }, el('h2', {}, 'Partition: images per class and client'));
  const clientsSection = el('section', { class: 'card' }, el('h2', {}, 'Clients'));
  const requestSection = el('section', { class: 'card' }, el('h2', {}, 'Request'));
  const predictLink = el('a', { href: `#/predict?run=${encodeURIComponent(id)}`, class: 'button', hidden: true }, 'Predict with this run');

  stop.addEventListener('click', async () => {
    if (!confirming) {
      confirming = true;
      stop.textContent = 'Confirm: stop for good';
      setTimeout(() => { confirming = false; stop.textContent = 'Stop run'; }, 5000);
      return;
    }
    stop.disabled = true;
    try {
      await api(`/api/runs/${encodeURIComponent(id)}/stop`, { method: 'POST' });
      stopMessage.textContent = 'Stopping: the run ends at its next step, and its queued work is skipped.';
    } catch (error) {
      stopMessage.textContent = `Could not stop it: ${error.message}`;
      stop.disabled = false;
    }
  });

  function update(run) {
    const request = run.request;
    const progress = run.progress;
    const result = run.result;
    const history = result?.history ?? progress?.history ?? [];
    const partition = result?.partition ?? progress?.partition;
    const failures = result?.failedClients ?? progress?.failedClients ?? [];
    const rounds = request?.rounds ?? progress?.rounds ?? history.length;
    const unfinished = isUnfinished(run.runtimeStatus);

    const phase = unfinished && progress ? `round ${progress.round}/${rounds} ${progress.phase}` : '';
    status.replaceChildren(
      statusBadge(run.runtimeStatus),
      el('span', {}, phase),
      privacyStatus(history),
      el('span', { class: 'muted' }, `created ${time(run.createdAt)}, updated ${time(run.lastUpdatedAt)}`),
      result ? el('strong', { id: 'final-accuracy' }, `final accuracy ${percent(result.finalAccuracy, 2)} in ${seconds(result.wallSeconds)}`) : '');
    stop.hidden = !unfinished;
    predictLink.hidden = run.runtimeStatus !== 'Completed';
    failure.hidden = !run.failure;
    failure.textContent = run.failure ? `Failed: ${run.failure}` : '';

    charts.replaceChildren(
      lineChart({
        title: 'Test accuracy', className: 'accuracy-chart', rounds, yMin: 0, yMax: 1,
        format: v => `${Math.round(v * 100)}%`,
        series: [{ name: 'test accuracy', points: history.map(h => [h.round, h.testAccuracy]) }],
      }),
      lineChart({
        title: 'Loss', className: 'loss-chart', rounds, yMin: 0,
        format: v => v.toFixed(2),
        series: [
          { name: 'test loss', points: history.map(h => [h.round, h.testLoss]) },
          { name: 'train loss', points: history.map(h => [h.round, h.trainLoss]) },
        ],
      }),
      clientAccuracyChart(history, rounds),
      privacyChart(history, rounds));
    clientEvaluation.replaceChildren(worstClient(history));

    partitionSection.replaceChildren(partitionSection.firstChild,
      partition ? heatMap(partition, run.classes) : el('p', { class: 'muted' }, unfinished ? 'Not partitioned yet.' : 'Not recorded for this run.'),
      partition && partition.length > 50 ? el('p', { class: 'muted' }, `First 50 of ${partition.length} clients.`) : '');

    const rows = clientRows(run, history, partition, failures);
    clientsSection.replaceChildren(clientsSection.firstChild,
      el('table', { class: 'clients' },
        el('thead', {}, el('tr', {}, ...['client', 'samples', 'rounds trained', 'last train loss', 'train time', 'failures', 'this round'].map(h => el('th', {}, h)))),
        el('tbody', {}, ...rows.slice(0, MAX_CLIENT_ROWS).map(c => el('tr', { 'data-client': c.id },
          el('td', {}, String(c.id)),
          el('td', { class: 'num' }, c.samples === undefined ? '–' : String(c.samples)),
          el('td', { class: 'num' }, String(c.rounds)),
          el('td', { class: 'num' }, number(c.loss)),
          el('td', { class: 'num' }, seconds(c.seconds)),
          el('td', { class: c.failures.length ? 'num failed' : 'num', title: c.failures.join('\n') || undefined }, String(c.failures.length)),
          el('td', {}, c.now))))),
      rows.length > MAX_CLIENT_ROWS ? el('p', { class: 'muted' }, `First ${MAX_CLIENT_ROWS} of ${rows.length} clients.`) : '');

    requestSection.replaceChildren(requestSection.firstChild, requestTable(request));
  }

  async function poll() {
    try {
      const run = await api(`/api/runs/${encodeURIComponent(id)}`);
      if (closed) return;
      update(run);
      if (isUnfinished(run.runtimeStatus)) timer = setTimeout(poll, POLL_MS);
    } catch (error) {
      if (closed) return;
      status.replaceChildren(el('span', { class: 'error' }, error instanceof ApiError && error.status === 404 ? `No run has id ${id}.` : `Could not read the run: ${error.message}`));
      if (!(error instanceof ApiError) || error.status >= 500) timer = setTimeout(poll, POLL_MS * 3);
    }
  }

  view.append(
    heading,
    el('div', { class: 'title-row' }, status, stop, predictLink),
    stopMessage,
    failure,
    charts,
    clientEvaluation,
    el('div', { class: 'columns' }, partitionSection, requestSection),
    clientsSection);
  poll();
  return () => { closed = true; clearTimeout(timer); };
}
