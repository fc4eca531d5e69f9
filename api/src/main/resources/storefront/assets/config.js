// Client settings from the API; defaults stand when the endpoint is missing or unreachable.
const DEFAULTS = Object.freeze({
  release: null,
  environment: null,
  sentry: { dsn: null, tunnel: '/api/v1/errors' },
  paymentPageUrl: null,
  flagsRefreshSeconds: 30,
});

let loaded;

export function clientConfig() {
  loaded ??= fetch('/api/v1/client-config', { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(5000) })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}))
    .then((c) => ({ ...DEFAULTS, ...c, sentry: { ...DEFAULTS.sentry, ...(c.sentry || {}) } }));
  return loaded;
}
