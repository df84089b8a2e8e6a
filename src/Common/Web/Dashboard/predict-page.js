// Predict: drop an image, see the ten probabilities and which model (run, round) answered.
import { api } from './api.js';
import { probabilityBars } from './charts.js';
import { el } from './dom.js';

const ACCEPTED = ['image/png', 'image/jpeg'];

export function renderPredict(view, query) {
  let preview = null;
  const picker = el('input', { type: 'file', id: 'image-input', accept: ACCEPTED.join(','), hidden: true });
  const drop = el('div', { id: 'drop-zone', class: 'drop-zone', tabindex: 0, role: 'button' },
    el('strong', {}, 'Drop a PNG or JPEG here'), el('span', { class: 'muted' }, 'or click to choose a file'));
  const model = el('select', { id: 'model-select', 'aria-label': 'Model' }, el('option', { value: '' }, 'newest completed model'));
  const result = el('section', { id: 'prediction', class: 'card', hidden: true });
  const message = el('p', { id: 'predict-message', class: 'muted' });

  async function classify(file) {
    if (!file) return;
    if (preview) URL.revokeObjectURL(preview);
    preview = URL.createObjectURL(file);
    message.textContent = 'Classifying…';
    const form = new FormData();
    form.append('image', file, file.name || 'image');
    if (model.value) form.append('runId', model.value);
    try {
      const answer = await api('/api/predict', { method: 'POST', body: form });
      message.textContent = '';
      result.hidden = false;
      result.replaceChildren(
        el('div', { class: 'prediction-head' },
          el('img', { src: preview, alt: 'the image sent', class: 'preview', width: 96, height: 96 }),
          el('div', {},
            el('p', { class: 'label' }, el('span', { id: 'predicted-label' }, answer.label)),
            el('p', { class: 'muted', id: 'predicted-model' },
              'model: run ', el('a', { href: `#/runs/${encodeURIComponent(answer.model.runId)}` }, el('code', {}, answer.model.runId)),
              `, round ${answer.model.round} (${answer.model.model})`))),
        probabilityBars(answer.probabilities, answer.label));
    } catch (error) {
      result.hidden = true;
      message.textContent = error.message;
    }
  }

  drop.addEventListener('click', () => picker.click());
  drop.addEventListener('keydown', event => { if (event.key === 'Enter' || event.key === ' ') picker.click(); });
  drop.addEventListener('dragover', event => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', event => {
    event.preventDefault();
    drop.classList.remove('over');
    classify(event.dataTransfer?.files?.[0]);
  });
  picker.addEventListener('change', () => classify(picker.files?.[0]));

  // Completed runs to choose from; without them (or without a key in Azure) the newest model answers.
  const wanted = query.get('run');
  api('/api/runs?status=Completed&pageSize=100').then(page => {
    for (const run of page.runs) model.append(el('option', { value: run.id }, `run ${run.id.slice(0, 12)} (${run.request?.rounds ?? '?'} rounds)`));
    if (wanted) model.value = wanted;
  }, () => {});

  view.append(
    el('h1', {}, 'Predict'),
    el('div', { class: 'title-row' }, el('label', {}, 'Model ', model)),
    drop, picker, message, result);
  return () => { if (preview) URL.revokeObjectURL(preview); };
}
