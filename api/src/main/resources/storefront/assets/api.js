// fetch for the API: JSON in and out, problem+json errors as ApiError, a timeout on every call,
// the Bearer token on calls that need it (renewed once on a 401). Catalog reads go without
// credentials so shared caches, the server's fast path and the service worker can answer them.
import { accessToken } from '/assets/session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `Request failed (${status})`);
    this.status = status;
    this.problem = problem || {};
  }

  get type() {
    return this.problem.type || '';
  }
}

export class SignInNeeded extends ApiError {
  constructor() {
    super(401, { title: 'Please sign in' });
  }
}

export async function api(path, { method = 'GET', body, auth = false, headers = {}, timeoutMs = 15_000 } = {}) {
  const send = async (token) => {
    const h = { Accept: 'application/json', ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (token) h.Authorization = `Bearer ${token}`;
    try {
      return await fetch(path, {
        method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new ApiError(0, { title: navigator.onLine ? 'The server did not answer; please try again.' : 'You are offline.' });
    }
  };
  let token = null;
  if (auth) {
    token = await accessToken();
    if (!token) throw new SignInNeeded();
  }
  let response = await send(token);
  if (auth && response.status === 401) {
    token = await accessToken({ force: true });
    if (!token) throw new SignInNeeded();
    response = await send(token);
    if (response.status === 401) throw new SignInNeeded();
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}
