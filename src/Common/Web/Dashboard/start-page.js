// Start a run: a form generated from the request's JSON Schema (GET /api/train/schema, derived from
// the request's one field table), posted to /api/train. The API validates; the page shows its
// problem-details errors next to the fields they name. Values that need another field's (x-requires)
// get a hint beside them, with a button that sets the companion, before anything is sent.
import { api, ApiError, postJson } from './api.js';
import { el } from './dom.js';

function typeOf(property) {
  const type = Array.isArray(property.type) ? property.type.find(t => t !== 'null') : property.type;
  return type ?? 'string';
}

function shown(value) {
  return value === undefined || value === null ? 'none' : String(value);
}

/** An input for one property: a select for an enum or a boolean, a number box, or text. */
function input(name, property) {
  const type = typeOf(property);
  if (Array.isArray(property.enum) || type === 'boolean') {
    const choices = Array.isArray(property.enum) ? property.enum.filter(v => v !== null) : [true, false];
    return el('select', { name, id: `field-${name}`, 'data-type': type },
      el('option', { value: '' }, ''), ...choices.map(v => el('option', { value: String(v) }, String(v))));
  }
  if (type === 'integer' || type === 'number') {
    return el('input', {
      name, id: `field-${name}`, type: 'number', 'data-type': type, inputmode: type === 'integer' ? 'numeric' : 'decimal',
      step: type === 'integer' ? 1 : 'any', min: property.minimum, max: property.maximum,
    });
  }
  return el('input', { name, id: `field-${name}`, type: 'text', 'data-type': type, spellcheck: 'false' });
}

/** The value to send: numbers and booleans as JSON values when they read as such, else the text as typed, for the API to judge. */
function valueOf(control) {
  const text = control.value.trim();
  switch (control.dataset.type) {
    case 'integer': return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'number': return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean': return text === 'true' ? true : text === 'false' ? false : text;
    default: return text;
  }
}

function clearFieldError(field) {
  field.classList.remove('invalid');
  for (const slot of field.querySelectorAll('.field-error')) { slot.textContent = ''; slot.hidden = true; }
}

function showErrors(form, general, error) {
  for (const field of form.querySelectorAll('.field')) clearFieldError(field);
  general.replaceChildren();
  if (!error) return;
  const errors = error instanceof ApiError ? error.errors : {};
  const entries = Object.entries(errors);
  if (entries.length === 0) {
    general.append(el('li', {}, error.message));
  }
  for (const [name, messages] of entries) {
    const slot = form.querySelector(`.field-error[data-error-for="${CSS.escape(name)}"]`);
    if (slot) {
      slot.textContent = messages.join('; ');
      slot.hidden = false;
      slot.closest('.field').classList.add('invalid');
    } else {
      general.append(el('li', { 'data-error-for': name }, el('strong', {}, name), `: ${messages.join('; ')}`));
    }
  }
}

async function submit(body, form, general, button) {
  button.disabled = true;
  showErrors(form, general, null);
  try {
    const accepted = await postJson('/api/train', body);
    location.hash = `#/runs/${encodeURIComponent(accepted.id)}`;
  } catch (error) {
    showErrors(form, general, error);
  } finally {
    button.disabled = false;
  }
}

/** The requirements of `value` in one field: those for that value, or (no `when`) for any value set. */
function requirementsOf(property, value) {
  if (value === '') return [];
  return (property['x-requires'] ?? []).filter(r => r.when === undefined || r.when === null || r.when === value);
}

/**
 * Each field's unmet requirements, shown beside it as the API's validator would word them, each with
 * a button that sets the companion to the first value it allows. `current(name)` is what a field
 * will be sent as or fall back to.
 */
function requirementHints(controls, current) {
  const hints = new Map();
  for (const [name, { property }] of controls) {
    if (property['x-requires']) hints.set(name, el('div', { class: 'field-hint', 'data-hint-for': name, hidden: true }));
  }

  function check() {
    for (const [name, hint] of hints) {
      const unmet = requirementsOf(controls.get(name).property, controls.get(name).control.value.trim())
        .filter(r => !r.values.includes(current(r.field)));
      // Rebuilt only when it changes: an event between a press on its button and the release (the select
      // that lost focus reporting its change) would otherwise swap the button for another and lose the click.
      const key = JSON.stringify(unmet);
      if (hint.dataset.unmet === key) continue;
      hint.dataset.unmet = key;
      hint.replaceChildren(...unmet.map(r => requirementLine(r)));
      hint.hidden = unmet.length === 0;
    }
  }

  function requirementLine(requirement) {
    const companion = controls.get(requirement.field)?.control;
    const suggested = requirement.values[0];
    const set = companion && el('button', { type: 'button', class: 'set-companion', 'data-field': requirement.field, 'data-value': suggested }, `set ${requirement.field} to ${suggested}`);
    set?.addEventListener('click', () => {
      companion.value = suggested;
      // As if the user had chosen it: the placeholders and every other hint follow.
      companion.dispatchEvent(new Event('change', { bubbles: true }));
    });
    return el('p', { title: requirement.reason },
      `${requirement.when ? `${requirement.when} ` : ''}needs ${requirement.field} ${requirement.values.join(' or ')}`, set ? ' ' : '', set);
  }

  return { hints, check };
}

function buildForm(schema, general) {
  const properties = Object.entries(schema.properties ?? {});
  const presets = schema['x-presets'] ?? {};
  const form = el('form', { id: 'start-form', class: 'start-form', novalidate: true });
  const controls = new Map();
  for (const [name, property] of properties) controls.set(name, { control: input(name, property), property });

  // Empty fields are not sent: the server applies the preset, then its defaults, under what is filled in.
  function fallback(name) {
    const preset = presets[controls.get('preset')?.control.value || controls.get('preset')?.property.default] ?? {};
    return Object.hasOwn(preset, name) ? preset[name] : controls.get(name)?.property.default;
  }
  const current = name => controls.get(name)?.control.value.trim() || shown(fallback(name));
  const { hints, check } = requirementHints(controls, current);

  for (const [name, { control, property }] of controls) {
    form.append(el('div', { class: 'field', 'data-field': name },
      el('label', { for: control.id }, name, property['x-cli'] ? el('code', { class: 'cli' }, property['x-cli']) : ''),
      control,
      hints.get(name),
      property.description ? el('p', { class: 'help' }, property.description) : '',
      el('p', { class: 'field-error', 'data-error-for': name, hidden: true })));
  }

  function placeholders() {
    for (const [name, { control }] of controls) {
      const value = fallback(name);
      if (control.tagName === 'SELECT') control.options[0].textContent = `(${shown(value)})`;
      else control.placeholder = shown(value);
    }
  }
  controls.get('preset')?.control.addEventListener('change', placeholders);
  placeholders();
  // Any field can change whether a requirement holds: the preset moves the fallbacks, a companion meets it.
  form.addEventListener('input', check);
  // The server's error described the value it was sent: once that field is edited, the error no longer holds.
  form.addEventListener('input', event => {
    const field = event.target.closest('.field');
    if (field) clearFieldError(field);
  });
  form.addEventListener('change', check);
  check();

  const button = el('button', { type: 'submit', class: 'primary' }, 'Start run');
  form.append(el('div', { class: 'actions' }, button));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const body = {};
    for (const [name, { control }] of controls) if (control.value.trim() !== '') body[name] = valueOf(control);
    submit(body, form, general, button);
  });
  return form;
}

function jsonEditor(general, open) {
  const text = el('textarea', { id: 'request-json', rows: 6, spellcheck: 'false' }, '{}');
  const button = el('button', { type: 'submit' }, 'Start run from JSON');
  const form = el('form', { id: 'json-form', class: 'json-form', novalidate: true }, text, el('div', { class: 'actions' }, button));
  form.addEventListener('submit', event => {
    event.preventDefault();
    let body;
    try {
      body = JSON.parse(text.value);
    } catch (error) {
      showErrors(form, general, new Error(`Not JSON: ${error.message}`));
      return;
    }
    submit(body, form, general, button);
  });
  return el('details', { class: 'card', open }, el('summary', {}, 'The request as JSON'), form);
}

export function renderStart(view) {
  const general = el('ul', { class: 'errors', id: 'form-errors' });
  const holder = el('section', { class: 'card' }, el('p', { class: 'muted' }, 'Loading the request schema…'));
  view.append(el('h1', {}, 'Start a run'), general, holder);
  let closed = false;
  api('/api/train/schema').then(schema => {
    if (closed) return;
    holder.replaceChildren(buildForm(schema, general));
    view.append(jsonEditor(general, false));
  }, error => {
    if (closed) return;
    holder.replaceChildren(el('p', { class: 'muted' },
      `The request schema could not be read (${error.message}); write the request as JSON instead. Empty fields take the server's defaults.`));
    view.append(jsonEditor(general, true));
  });
  return () => { closed = true; };
}
