package dev.storefront.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Successful bodies, written the same way by every feature (errors go through the failure handler). */
public final class Responses {
  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  /** For bytes whose URL changes with their content (hashed asset names, media keys): kept a year. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private Responses() {}

  /** A JSON body that must never be stored: account data and the results of writes. */
  public static void privateJson(RoutingContext rc, int status, Buffer body) {
    noStore(rc.response()).setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
  }

  public static HttpServerResponse noStore(HttpServerResponse response) {
    return response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }

  public static void body(RoutingContext rc, String contentType, Buffer body) {
    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }
}
