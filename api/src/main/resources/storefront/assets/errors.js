// Browser error reporting through the API's tunnel, only when a DSN is configured. Errors thrown
// while the settings and the SDK are still loading are kept and reported once it is ready.
import { clientConfig } from '/assets/config.js';

const early = [];
const keep = (event) => early.push(event.error || event.reason || new Error(String(event.message)));

function stopKeeping() {
  removeEventListener('error', keep);
  removeEventListener('unhandledrejection', keep);
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

export async function startErrorReporting() {
  addEventListener('error', keep);
  addEventListener('unhandledrejection', keep);
  try {
    const config = await clientConfig();
    const dsn = config.sentry && config.sentry.dsn;
    const src = document.querySelector('meta[name="error-reporter"]')?.content;
    if (!dsn || !src) return;
    await loadScript(src);
    self.Sentry.init({
      dsn,
      tunnel: config.sentry.tunnel || '/api/v1/errors',
      release: config.release || undefined,
      environment: config.environment || undefined,
      sendDefaultPii: false,
      // Errors only: session pings on every route change would spend the tunnel's per-address budget.
      integrations: (defaults) => defaults.filter((integration) => integration.name !== 'BrowserSession'),
    });
    // From here the SDK's own handlers see new errors; hand over the ones that came before.
    stopKeeping();
    for (const error of early.splice(0)) self.Sentry.captureException(error);
  } finally {
    stopKeeping();
    early.length = 0;
  }
}
