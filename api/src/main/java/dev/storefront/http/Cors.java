package dev.storefront.http;

import dev.storefront.web.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access for the configured origins only. A request from any other origin is served
 * as if it had no {@code Origin} (the browser then withholds the response from the page): refusing
 * it is not an error of ours, so nothing is logged or reported. Only a preflight from elsewhere, or
 * one asking for a method or header we do not allow, is answered 403. Every response varies by
 * origin, so every response says so, whatever the origin: this handler runs before any other can
 * answer.
 */
final class Cors implements PlatformHandler {
  static final Set<HttpMethod> METHODS =
      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  /** Every request header the contract or the storefront's scripts send. */
  /** What every answer varies by while CORS is on. */
  static final CharSequence VARY_ORIGIN = HttpHeaders.createOptimized("Origin");
  static final List<String> HEADERS = List.of("Authorization", "Content-Type", "X-Request-Id", "Idempotency-Key",
      "If-None-Match", "Last-Event-ID", "X-Visitor-Id");
  /** Every response header a client acts on that is not CORS-safelisted. */
  static final List<String> EXPOSED = List.of("X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
      "RateLimit-Reset", "WWW-Authenticate", "ETag", "Idempotent-Replayed", "Accept-Post", "Accept-Patch");
  static final int MAX_AGE_SECONDS = 600;
  private static final String EXPOSED_VALUE = String.join(", ", EXPOSED);

  private static final Set<String> METHOD_NAMES = METHODS.stream().map(HttpMethod::name).collect(Collectors.toSet());
  private static final String ALLOW_METHODS = METHOD_NAMES.stream().sorted().collect(Collectors.joining(", "));
  private static final Set<String> HEADERS_LOWER = HEADERS.stream()
      .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());

  private final Set<String> origins;

  Cors(List<String> origins) {
    this.origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    MultiMap headers = rc.response().headers();
    headers.add(HttpHeaders.VARY, VARY_ORIGIN);
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    boolean allowed = origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    String requestedMethod = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    if (request.method() == HttpMethod.OPTIONS && origin != null && requestedMethod != null) {
      headers.add(HttpHeaders.VARY, "Access-Control-Request-Method, Access-Control-Request-Headers");
      SecurityHeaders.apply(headers, false); // answered here, before the handler that adds them
      preflight(rc, allowed, requestedMethod, request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS));
      return;
    }
    if (allowed) grant(headers, origin);
    rc.next();
  }

  /**
   * The CORS headers of an answer given before the router (a refused request line, path or query):
   * the browser shows the problem to a page of an allowed origin instead of a network error.
   */
  void decorate(HttpServerRequest request, MultiMap headers) {
    headers.set(HttpHeaders.VARY, VARY_ORIGIN);
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && origins.contains(origin.toLowerCase(Locale.ROOT))) grant(headers, origin);
  }

  private static void grant(MultiMap headers, String origin) {
    headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_VALUE);
  }

  private void preflight(RoutingContext rc, boolean allowed, String method, String requestedHeaders) {
    if (!allowed) {
      rc.fail(forbidden("Cross-origin requests are not allowed from this origin."));
      return;
    }
    if (!METHOD_NAMES.contains(method.trim())) {
      rc.fail(forbidden("Cross-origin requests may use " + ALLOW_METHODS + " only."));
      return;
    }
    if (requestedHeaders != null) {
      for (String header : requestedHeaders.split(",")) {
        String name = header.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !HEADERS_LOWER.contains(name)) {
          rc.fail(forbidden("Cross-origin requests may send " + String.join(", ", HEADERS) + " only."));
          return;
        }
      }
    }
    rc.response().setStatusCode(204)
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, rc.request().getHeader(HttpHeaders.ORIGIN))
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS)
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", HEADERS))
        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, Integer.toString(MAX_AGE_SECONDS))
        .end();
  }

  private static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail);
  }
}
