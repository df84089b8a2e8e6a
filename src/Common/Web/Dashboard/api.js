// The API at /api on the page's own origin (both hosts answer the same routes). In Azure most routes
// want a function key: the page asks for it once and keeps it in this browser's localStorage.

const KEY_STORAGE = 'fedavg.functionKey';

/** An answer other than 2xx; `problem` is the RFC 9457 body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The field errors of a validation problem: { field: [messages] }. */
  get errors() {
    return this.problem?.errors ?? {};
  }
}

export function functionKey() {
  return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function setFunctionKey(key) {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

/** Fetches JSON; throws ApiError on a non-2xx answer (and announces a 401 so the key field shows). */
export async function api(path, options = {}) {
  const headers = new Headers(options.headers ?? {});
  const key = functionKey();
  if (key) headers.set('x-functions-key', key);
  const response = await fetch(path, { ...options, headers });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : null;
  if (response.status === 401) window.dispatchEvent(new CustomEvent('fedavg:key-needed'));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export function postJson(path, value) {
  return api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}
