// Small helpers to build the page without a framework.

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  node.append(...children.flat().filter(c => c !== undefined && c !== null && c !== false));
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element; children as in el(). */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  node.append(...children.flat().filter(c => c !== undefined && c !== null && c !== false));
  return node;
}

export function percent(value, digits = 1) {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : '–';
}

export function number(value, digits = 3) {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function seconds(value) {
  if (!Number.isFinite(value)) return '–';
  return value < 60 ? `${value.toFixed(1)} s` : `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}

export function time(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : date.toLocaleString();
}

/** What a run's status means for the user: still going, or over. */
export function isUnfinished(status) {
  return status === 'Running' || status === 'Pending' || status === 'Suspended';
}

export function statusBadge(status) {
  return el('span', { class: `badge badge-${String(status).toLowerCase()}` }, status);
}
