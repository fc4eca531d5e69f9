// A resumable Server-Sent Events connection: remembers the last event id, and after an error, a
// `shutdown` frame or a refused connection opens a new one with `lastEventId=<id>` (so the server
// replays what was missed), backing off from 1 s to 30 s with jitter. A `reset` frame means the
// gap could not be replayed: the owner refetches what it shows (onReset), then follows from there.
const BASE_MS = 1000;
const MAX_MS = 30_000;

/**
 * url(lastEventId) -> string or Promise<string> (null to give up); handlers: {eventName: (data, event) => void}.
 * Returns close().
 */
export function resumableStream(url, handlers, { onReset, onOpen } = {}) {
  let source = null;
  let lastEventId = null;
  let attempt = 0;
  let timer = null;
  let closed = false;

  const schedule = (delay) => {
    if (closed) return;
    clearTimeout(timer);
    const wait = delay ?? Math.min(MAX_MS, BASE_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt++;
    timer = setTimeout(connect, wait);
  };

  const listen = (name, fn) => source.addEventListener(name, (e) => {
    if (e.lastEventId) lastEventId = e.lastEventId;
    let data = null;
    try {
      data = JSON.parse(e.data);
    } catch {
      return;
    }
    fn(data, e);
  });

  async function connect() {
    if (closed) return;
    let target;
    try {
      target = await url(lastEventId);
    } catch {
      schedule();
      return;
    }
    if (closed || !target) return;
    source = new EventSource(target);
    source.onopen = () => {
      attempt = 0;
      if (onOpen) onOpen();
    };
    source.onerror = () => {
      // Reconnect ourselves, always with lastEventId, rather than let EventSource retry the same URL.
      source.close();
      schedule();
    };
    for (const [name, fn] of Object.entries(handlers)) listen(name, fn);
    listen('reset', (data) => {
      if (onReset) onReset(data);
    });
    listen('shutdown', () => {
      source.close();
      schedule(BASE_MS * (0.5 + Math.random()));
    });
  }

  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    if (source) source.close();
  };
}

export function withLastEventId(path, lastEventId) {
  if (lastEventId === null || lastEventId === undefined || lastEventId === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`;
}
