// The signed-in user's live order and points updates. EventSource cannot send headers, so each
// connection (first or resumed) gets a fresh single-use ticket from POST /api/v1/me/stream-tokens.
import { api, SignInNeeded } from '/assets/api.js';
import { forget } from '/assets/session.js';
import { resumableStream, withLastEventId } from '/assets/stream.js';

/** handlers: {order(data), points(data)}; returns close(). */
export function useMyStream(handlers, { onReset } = {}) {
  let close = () => {};
  const ticketUrl = async (lastEventId) => {
    let ticket;
    try {
      ticket = await api('/api/v1/me/stream-tokens', { method: 'POST', auth: true });
    } catch (e) {
      if (e instanceof SignInNeeded) return null; // signed out: nothing to follow
      throw e;
    }
    return withLastEventId(`/api/v1/me/stream?token=${encodeURIComponent(ticket.token)}`, lastEventId);
  };
  close = resumableStream(ticketUrl, {
    order: (data) => handlers.order && handlers.order(data),
    points: (data) => handlers.points && handlers.points(data),
    revoked: () => {
      // Signed out elsewhere or the sign-in was revoked: do not reconnect.
      close();
      forget();
    },
  }, { onReset });
  return () => close();
}
