// The service worker: registered at the root scope. A new version installs in the background and
// waits; the page then offers a reload, which activates it (skipWaiting) and reloads once it
// controls the page, so an old shell is never kept past the visitor's say-so.
const catalogListeners = new Set();

/** Calls back with the URL of a catalog response the worker served stale and has now refreshed. */
export function onCatalogRefreshed(listener) {
  catalogListeners.add(listener);
  return () => catalogListeners.delete(listener);
}

function offerUpdate(registration) {
  const bar = document.getElementById('update-bar');
  const button = document.getElementById('update-reload');
  if (!bar || !registration.waiting) return;
  bar.hidden = false;
  button.onclick = () => {
    button.disabled = true;
    if (registration.waiting) registration.waiting.postMessage({ type: 'SKIP_WAITING' });
  };
}

export function startOfflineSupport() {
  if (!('serviceWorker' in navigator)) return;
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only after the visitor asked for the new version (the first install has nothing to replace).
    if (reloading || !document.getElementById('update-reload')?.disabled) return;
    reloading = true;
    location.reload();
  });
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'CATALOG_REFRESHED') {
      for (const listener of catalogListeners) listener(event.data.url);
    }
  });
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(registration);
      });
    });
    // Long-lived tabs look for a new version when they come back to the foreground.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => {});
    });
  }).catch(() => {
    // No offline support (private mode, insecure origin): the pages work without it.
  });
}
