package dev.storefront.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Headers every response carries. API responses get a CSP that allows nothing; the HTML page
 * (/docs) one that allows exactly what it loads: its own script, ReDoc's inline styles and the
 * blob workers ReDoc starts; the storefront's answers replace it with their own
 * ({@code storefront.StorefrontRoutes}). Authenticated and account responses are never stored by caches.
 * TRACE is refused outright; HEAD is answered as GET without a body.
 */
public final class SecurityHeaders implements PlatformHandler {
  private static final String REROUTED = "headAsGet";
  static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
  static final String HTML_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** True when the client sent HEAD: after the reroute the request reads as a GET. */
  public static boolean isHead(RoutingContext rc) {
    return rc.get(REROUTED) != null;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (rc.request().method() == HttpMethod.TRACE) {
      apply(rc.response().headers(), false);
      rc.fail(405);
      return;
    }
    String path = rc.normalizedPath();
    if (rc.request().method() == HttpMethod.HEAD && rc.get(REROUTED) == null) {
      // HEAD is GET without the body (the server drops it); the contract only lists GET. Path and
      // query, not uri(): that is the absolute form when the request target was one.
      rc.put(REROUTED, true);
      String query = rc.request().query();
      rc.reroute(HttpMethod.GET, query == null ? rc.request().path() : rc.request().path() + "?" + query);
      return;
    }
    // Registered on the rerouted pass: a reroute drops the headers-end handlers added before it.
    if (rc.get(REROUTED) != null) rc.addHeadersEndHandler(v -> contentLengthOfGet(rc.response()));
    MultiMap headers = rc.response().headers();
    apply(headers, "/docs".equals(path));
    if (rc.request().headers().contains("Authorization") || path.startsWith("/api/v1/auth/")
        || path.startsWith("/api/v1/me")) {
      headers.set("Cache-Control", "no-store");
    }
    rc.next();
  }

  /**
   * RFC 9110 9.3.2: HEAD sends the header fields GET would, Content-Length included. Vert.x sets
   * none on a HEAD answer (and drops its body); a body handed whole to {@code end} is the GET's, so
   * its length is the GET's. A body written in chunks (a stream) has no length, nor has an empty one
   * (a stream's HEAD ends with no body), nor a 204 or 304.
   */
  private static void contentLengthOfGet(HttpServerResponse response) {
    int status = response.getStatusCode();
    if (response.ended() && response.bytesWritten() > 0 && status != 204 && status != 304
        && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      response.headers().set(HttpHeaders.CONTENT_LENGTH, Long.toString(response.bytesWritten()));
    }
  }

  // Pre-encoded: these are written on every response, the hottest included.
  private static final CharSequence[][] COMMON = {
      {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"}};
  private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
  private static final CharSequence API_CSP_VALUE = HttpHeaders.createOptimized(API_CSP);
  private static final CharSequence HTML_CSP_VALUE = HttpHeaders.createOptimized(HTML_CSP);

  static {
    for (CharSequence[] pair : COMMON) {
      pair[0] = HttpHeaders.createOptimized(pair[0].toString());
      pair[1] = HttpHeaders.createOptimized(pair[1].toString());
    }
  }

  static void apply(MultiMap headers, boolean html) {
    for (CharSequence[] pair : COMMON) headers.set(pair[0], pair[1]);
    headers.set(CSP, html ? HTML_CSP_VALUE : API_CSP_VALUE);
  }
}
