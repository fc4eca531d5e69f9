package dev.storefront.stream;

import dev.storefront.events.Events;

/** The two streams: public stock changes, and a signed-in user's orders and points. */
enum StreamKind {
  INVENTORY("inventory", "/api/v1/inventory/stream", "no-cache", new String[] {Events.STOCK}),
  USER("me", "/api/v1/me/stream", "no-cache, no-store",
      new String[] {Events.ORDER, Events.POINTS, Events.SESSION_REVOKED});

  private final String label;
  private final String route;
  private final String cacheControl;
  private final String[] types;

  StreamKind(String label, String route, String cacheControl, String[] types) {
    this.label = label;
    this.route = route;
    this.cacheControl = cacheControl;
    this.types = types;
  }

  /** Never stored by a proxy; a user's own stream not even in a private cache. */
  String cacheControl() {
    return cacheControl;
  }

  String label() {
    return label;
  }

  String route() {
    return route;
  }

  /** The event types the stream consumes (a session's end closes a user stream rather than being sent). */
  String[] types() {
    return types.clone();
  }
}
