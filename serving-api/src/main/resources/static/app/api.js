// Calls to the PokeWatch API with the key typed once and kept for this tab only
// (sessionStorage): it travels in the X-API-Key header, never in a URL.

const KEY_NAME = 'pokewatch.apiKey';

export function storedKey() {
  return sessionStorage.getItem(KEY_NAME);
}

export function storeKey(key) {
  sessionStorage.setItem(KEY_NAME, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_NAME);
}

/** An answer that was not 2xx: carries the problem+json detail when there is one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

/**
 * Sends a request and reads its JSON answer.
 * @param {string} path the path and query, parameters already encoded
 * @param {{method?: string, body?: object}} options
 */
export async function call(path, { method = 'GET', body } = {}) {
  const headers = { 'X-API-Key': storedKey() || '', Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, json && json.detail);
  }
  return json;
}

/** Builds a query string from the non-empty values of an object. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
