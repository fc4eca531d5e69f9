package dev.storefront.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A request body its operation reads itself, after the caller has been authenticated and
 * authorised (uploads), rather than the router reading it up front: someone who may not upload
 * cannot make the server take in megabytes first. Until the operation starts reading, the body is
 * held back; an answer given before that (a 401, a 403, a 404) closes the HTTP/1.1 connection
 * instead of reading and throwing away what the client still sends. Under HTTP/2 the stream's
 * flow-control window already bounds what can arrive.
 */
public final class DeferredBody {
  private static final String READING = "deferredBody.reading";

  private DeferredBody() {}

  /** Holds the body back for {@link #reader}; called by the router in place of its body handler. */
  public static void defer(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    request.pause();
    if (request.version() != HttpVersion.HTTP_2) {
      rc.addHeadersEndHandler(v -> {
        if (unread(rc)) rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      });
      rc.addEndHandler(v -> {
        if (unread(rc)) request.connection().close();
      });
    }
    rc.next();
  }

  /**
   * Reads the held-back body with {@code body}, as a plain handler: Vert.x lets a body handler come
   * only before authentication, and reading after it is the point. From here on the body handler's
   * own rules apply (a body over its limit is answered 413 and the rest is read and dropped).
   */
  public static Handler<RoutingContext> reader(BodyHandler body) {
    return rc -> {
      rc.put(READING, Boolean.TRUE);
      // A 413 decided from Content-Length alone reads nothing: resumed, the rest is dropped as it comes.
      rc.request().resume();
      body.handle(rc);
    };
  }

  private static boolean unread(RoutingContext rc) {
    return !rc.request().isEnded() && rc.get(READING) == null;
  }
}
