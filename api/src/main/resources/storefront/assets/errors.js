// Browser error reporting through the API's tunnel, only when a DSN is configured.
import { clientConfig } from '/assets/config.js';

export async function startErrorReporting() {
  const config = await clientConfig();
  const dsn = config.sentry && config.sentry.dsn;
  if (!dsn) return;
  const src = document.querySelector('meta[name="error-reporter"]')?.content;
  if (!src) return;
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  self.Sentry.init({
    dsn,
    tunnel: config.sentry.tunnel || '/api/v1/errors',
    release: config.release || undefined,
    environment: config.environment || undefined,
    sendDefaultPii: false,
    // Errors only: session pings on every route change would spend the tunnel's per-address budget.
    integrations: (defaults) => defaults.filter((integration) => integration.name !== 'BrowserSession'),
  });
}
