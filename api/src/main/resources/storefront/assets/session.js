// The sign-in: the access token lives in memory only; the refresh token (opaque, single-use, rotated
// on every refresh) is kept in localStorage so a reload or a new tab stays signed in. Refreshes are
// serialised across tabs with a Web Lock and always use the newest stored token.
const REFRESH_KEY = 'sf.refreshToken';
const EARLY_MS = 30_000;
let access = null; // { token, expiresAt }
const listeners = new Set();

export function signedIn() {
  return localStorage.getItem(REFRESH_KEY) !== null;
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  for (const listener of listeners) listener(signedIn());
}

/** Stores a TokenPair from sign-up, sign-in or refresh. */
export function store(pair) {
  const was = signedIn();
  access = { token: pair.accessToken, expiresAt: Date.now() + pair.expiresIn * 1000 };
  localStorage.setItem(REFRESH_KEY, pair.refreshToken);
  if (!was) changed();
}

export function forget() {
  access = null;
  const was = signedIn();
  localStorage.removeItem(REFRESH_KEY);
  if (was) changed();
}

/** A valid access token, refreshing first when needed; null when signed out or the sign-in ended. */
export async function accessToken({ force = false } = {}) {
  if (!force && fresh()) return access.token;
  if (!signedIn()) return null;
  const stale = access && access.token;
  const run = () => refresh(stale, force);
  return navigator.locks ? navigator.locks.request('sf-refresh', run) : run();
}

function fresh() {
  return access && access.expiresAt - EARLY_MS > Date.now();
}

async function refresh(stale, force) {
  // Another call may have refreshed while this one waited for the lock.
  if (fresh() && (!force || access.token !== stale)) return access.token;
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return null;
  let response;
  try {
    response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new Error('Network error while renewing the sign-in');
  }
  if (response.status === 401 || response.status === 400) {
    // Revoked, expired or reused: the sign-in is over.
    if (localStorage.getItem(REFRESH_KEY) === refreshToken) forget();
    return null;
  }
  if (!response.ok) throw new Error(`Could not renew the sign-in (${response.status})`);
  store(await response.json());
  return access.token;
}

export async function signOut() {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  forget();
  if (!refreshToken) return;
  try {
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    // Signed out here either way; the refresh token expires on its own.
  }
}

// Another tab signed in or out.
addEventListener('storage', (e) => {
  if (e.key !== REFRESH_KEY) return;
  if (e.newValue === null) access = null;
  if ((e.oldValue === null) !== (e.newValue === null)) changed();
});
