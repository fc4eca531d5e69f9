// Feature flags for this visitor (or the signed-in user), re-read every flagsRefreshSeconds so a
// flag turned off hides its feature without a reload. Until the first answer, and whenever the
// endpoint is missing, the features stay on.
import { clientConfig } from '/assets/config.js';
import { api, SignInNeeded } from '/assets/api.js';
import { onSessionChange, signedIn } from '/assets/session.js';

const VISITOR_KEY = 'sf.visitorId';
const flags = { liveStockBanner: true, pointsBadge: true };
const listeners = new Set();
let timer = null;

export function flag(name) {
  return flags[name] !== false;
}

/** Calls back now and on every change; returns the unsubscribe function. */
export function onFlags(listener) {
  listeners.add(listener);
  listener(flag);
  return () => listeners.delete(listener);
}

export function visitorId() {
  let id = localStorage.getItem(VISITOR_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(VISITOR_KEY, id);
  }
  return id;
}

export async function refreshFlags() {
  const headers = { 'X-Visitor-Id': visitorId() };
  let body;
  try {
    // Signed in, the flags are the user's (api() renews the token once on a 401); signed out, the visitor's.
    body = await api('/api/v1/flags', { auth: signedIn(), headers, timeoutMs: 5000 })
      .catch((e) => (e instanceof SignInNeeded ? api('/api/v1/flags', { headers, timeoutMs: 5000 }) : Promise.reject(e)));
  } catch {
    return; // keep the last known flags; the next round tries again
  }
  let changed = false;
  for (const [name, value] of Object.entries((body && body.flags) || {})) {
    if (typeof value === 'boolean' && flags[name] !== value) {
      flags[name] = value;
      changed = true;
    }
  }
  if (changed) for (const listener of listeners) listener(flag);
}

export async function startFlags() {
  const config = await clientConfig();
  const seconds = Math.max(1, Number(config.flagsRefreshSeconds) || 30);
  clearInterval(timer);
  timer = setInterval(refreshFlags, seconds * 1000);
  onSessionChange(refreshFlags);
  await refreshFlags();
}
