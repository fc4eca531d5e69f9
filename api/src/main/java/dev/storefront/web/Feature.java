package dev.storefront.web;

import io.vertx.core.Future;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * A slice of the API: it binds its own operations (by {@code operationId}) and owns whatever runs
 * beside them (timers, listeners), started before the HTTP servers and stopped after them.
 */
public interface Feature {
  void bind(RouterBuilder builder);

  default Future<Void> start() {
    return Future.succeededFuture();
  }

  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
