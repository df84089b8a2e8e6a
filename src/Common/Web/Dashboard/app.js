// The dashboard: pages by the URL's hash (#/, #/runs/{id}, #/new, #/predict), each redrawn from the API.
import { functionKey, setFunctionKey } from './api.js';
import { el } from './dom.js';
import { renderPredict } from './predict-page.js';
import { renderRun } from './run-page.js';
import { renderRuns } from './runs-page.js';
import { renderStart } from './start-page.js';

const routes = [
  { pattern: /^\/?$/, nav: 'runs', render: view => renderRuns(view) },
  { pattern: /^\/runs\/([^/]+)$/, nav: 'runs', render: (view, match) => renderRun(view, decodeURIComponent(match[1])) },
  { pattern: /^\/new$/, nav: 'new', render: view => renderStart(view) },
  { pattern: /^\/predict$/, nav: 'predict', render: (view, _, query) => renderPredict(view, query) },
];

let leave = null;

function route() {
  leave?.();
  leave = null;
  const view = document.getElementById('view');
  view.replaceChildren();
  const [path, search] = (location.hash.replace(/^#/, '') || '/').split('?');
  for (const { pattern, nav, render } of routes) {
    const match = path.match(pattern);
    if (!match) continue;
    for (const link of document.querySelectorAll('[data-nav]')) link.classList.toggle('active', link.dataset.nav === nav);
    leave = render(view, match, new URLSearchParams(search ?? '')) ?? null;
    return;
  }
  view.append(el('h1', {}, 'Not found'), el('p', {}, el('a', { href: '#/' }, 'Back to the runs')));
}

// In Azure the API wants a function key; locally it never asks, and the field stays hidden.
function keyForm() {
  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  const show = document.getElementById('key-show');
  show.hidden = !functionKey();
  show.addEventListener('click', () => { form.hidden = false; show.hidden = true; input.focus(); });
  window.addEventListener('fedavg:key-needed', () => { form.hidden = false; show.hidden = true; });
  form.addEventListener('submit', event => {
    event.preventDefault();
    setFunctionKey(input.value.trim());
    input.value = '';
    form.hidden = true;
    show.hidden = !functionKey();
    route();
  });
}

keyForm();
window.addEventListener('hashchange', route);
route();
