// Service worker of the storefront. The server writes in the precache list (the shell, the hashed
// assets, the offline page, the manifest and icons) and the version, a digest of all of them: a new
// release is a new worker with new cache names, and the old caches go when it activates.
const VERSION = self.__VERSION__;
const PRECACHE = self.__PRECACHE__;
const SHELL_CACHE = `sf-shell-${VERSION}`;
const RUNTIME_CACHE = `sf-runtime-${VERSION}`;
const RUNTIME_MAX_ENTRIES = 300;
const PAGES = /^\/(?:|products\/[^/]+|signup|signin|cart|checkout|orders|orders\/[^/]+|profile)$/;
const CATALOG = /^\/api\/v1\/(?:products(?:\/[^/]+)?|categories|product-facets)$/;

self.addEventListener('install', (event) => {
  // No skipWaiting here: the page asks the visitor, then sends SKIP_WAITING.
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names
      .filter((name) => name.startsWith('sf-') && name !== SHELL_CACHE && name !== RUNTIME_CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('Authorization')) return;
  const url = new URL(request.url);
  const sameOrigin = url.origin === self.location.origin;
  if (request.mode === 'navigate') {
    if (sameOrigin && PAGES.test(url.pathname)) event.respondWith(page(request));
    else if (sameOrigin) event.respondWith(fetch(request).catch(() => offline()));
    return;
  }
  if (request.destination === 'image' && !(sameOrigin && url.pathname.startsWith('/icons/'))) {
    event.respondWith(staleWhileRevalidate(event, request, false));
    return;
  }
  if (!sameOrigin) return;
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')
      || url.pathname === '/manifest.webmanifest' || url.pathname === '/offline.html') {
    event.respondWith(caches.match(request, { cacheName: SHELL_CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  // Catalog reads only; never the account, cart, orders, flags or event streams.
  if (CATALOG.test(url.pathname) && !(request.headers.get('Accept') || '').includes('text/event-stream')) {
    event.respondWith(staleWhileRevalidate(event, request, true));
  }
});

/** Every page URL is the same shell: served from the precache, so visited pages open offline. */
async function page(request) {
  const shell = await caches.match('/', { cacheName: SHELL_CACHE });
  if (shell) return shell;
  try {
    return await fetch(request);
  } catch {
    return offline();
  }
}

async function offline() {
  return (await caches.match('/offline.html', { cacheName: SHELL_CACHE }))
    || new Response('You are offline.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The cached answer at once (when there is one) and a fresh one from the network into the cache;
 * when the fresh one differs, the pages are told (CATALOG_REFRESHED) so they can show it.
 */
async function staleWhileRevalidate(event, request, announce) {
  const cache = await caches.open(RUNTIME_CACHE);
  const cached = await cache.match(request);
  const network = fetch(request).then(async (response) => {
    if (response.ok || response.type === 'opaque') {
      await cache.put(request, response.clone());
      // Only a new key can grow the cache: a refresh replaces its entry.
      if (!cached) trim(cache);
      if (cached && announce && changed(cached, response)) notify(request.url);
    }
    return response;
  });
  if (cached) {
    event.waitUntil(network.catch(() => {}));
    return cached;
  }
  return network;
}

function changed(before, after) {
  const a = before.headers.get('ETag');
  const b = after.headers.get('ETag');
  // Without entity tags there is no cheap comparison: say nothing rather than risk a refetch loop.
  if (!a || !b) return false;
  const bare = (tag) => tag.replace(/^W\//, '').replace(/-gz"$/, '"');
  return bare(a) !== bare(b);
}

async function notify(url) {
  for (const client of await self.clients.matchAll({ type: 'window' })) {
    client.postMessage({ type: 'CATALOG_REFRESHED', url });
  }
}

async function trim(cache) {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - RUNTIME_MAX_ENTRIES; i++) await cache.delete(keys[i]);
}
