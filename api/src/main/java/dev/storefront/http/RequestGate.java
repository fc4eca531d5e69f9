package dev.storefront.http;

import dev.storefront.web.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * What every request passes before the router: a request target the router cannot decode (a
 * malformed percent-escape fails vertx-web's path normalisation and Netty's query decoder, in
 * the failure handler too) is refused here as a 400 problem, and so is query text that is not
 * storable text (the 400 names the parameter); a trailing slash gets 404 rather than a second URL
 * for the same resource; {@code ;} in the query is made part of a value ({@link AmpersandOnlyQuery}).
 * Before all that, a cached catalog hit may be answered by {@link CatalogFastPath}; and before that
 * an HTTP/1 request without a valid Host is refused (RFC 9112 3.2), with one header lookup.
 * {@code OPTIONS *} asks about the server, not a resource: it is answered here, 204 with the
 * methods the server has anywhere (RFC 9110 9.3.7); the router only knows paths.
 */
final class RequestGate implements Handler<HttpServerRequest> {
  private final Handler<HttpServerRequest> router;
  private final EarlyAnswers early;
  private final CatalogFastPath fast;
  private final String serverAllow;

  /**
   * {@code early} answers what is refused here; {@code fast} may be null: every request goes to the
   * router. {@code serverAllow} is the answer to {@code OPTIONS *} ({@link RouteTemplates#allowOfServer}).
   */
  RequestGate(Handler<HttpServerRequest> router, EarlyAnswers early, CatalogFastPath fast, String serverAllow) {
    this.router = router;
    this.early = early;
    this.fast = fast;
    this.serverAllow = serverAllow;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2 && !hostAccepted(request)) {
      early.refuse(request, 400, HostHeader.REFUSED);
      return;
    }
    if (fast != null && fast.handle(request)) return;
    String path = request.path();
    String query = request.query();
    if (path == null || !path.startsWith("/")) {
      if (request.method() == HttpMethod.OPTIONS && "*".equals(request.uri())) {
        early.begin(request, null);
        request.response().putHeader(HttpHeaders.ALLOW, serverAllow).setStatusCode(204).end();
      } else {
        early.reject(request, 400, "The request target must be an absolute path.");
      }
    } else if (!wellEscaped(path)) {
      early.reject(request, 400, "The path has a malformed percent-escape.");
    } else if (hasDotSegmentOrControl(path)) {
      // The router resolves "..": a handler reading the raw path, and a cache keyed by it, would not.
      early.reject(request, 400,
          "The path has a dot segment (., .., or their %2e spellings) or a control character.");
    } else if (path.length() > 1 && path.endsWith("/")) {
      // The router would answer /x/ as /x: one resource under two URLs, two entries in every cache.
      early.reject(request, 404, "No such resource.");
    } else if (query != null && !query.isEmpty() && !queryAccepted(request, query)) {
      return;
    } else {
      router.handle(AmpersandOnlyQuery.of(request));
    }
  }

  /** RFC 9112 3.2: a Host that is not host[:port] is refused; only HTTP/1.0 may leave it out. */
  private static boolean hostAccepted(HttpServerRequest request) {
    String host = request.getHeader(HttpHeaders.HOST);
    return host == null ? request.version() == HttpVersion.HTTP_1_0 : HostHeader.valid(host);
  }

  /** Query text is checked once, here, for every operation: escapes, UTF-8, NUL, lone surrogates. */
  private boolean queryAccepted(HttpServerRequest request, String query) {
    try {
      TextInputGuard.checkQuery(query);
      return true;
    } catch (ProblemException refused) {
      early.reject(request, 400, refused.getMessage());
      return false;
    }
  }

  /** A segment that is "." or ".." once %2e is read as '.', or a control character anywhere. */
  static boolean hasDotSegmentOrControl(String path) {
    int dots = 0;
    boolean onlyDots = true;
    for (int i = 1; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c == '/') {
        if (onlyDots && dots > 0 && dots <= 2) return true;
        dots = 0;
        onlyDots = true;
      } else if (c == '.') {
        dots++;
      } else if (c == '%' && i + 2 < path.length() && path.charAt(i + 1) == '2'
          && (path.charAt(i + 2) == 'e' || path.charAt(i + 2) == 'E')) {
        dots++;
        i += 2;
      } else if (c < 0x20 || c == 0x7f) {
        return true;
      } else {
        onlyDots = false;
      }
    }
    return false;
  }

  /** Every {@code %} starts a two-hex-digit escape. */
  static boolean wellEscaped(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length() || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) return false;
    }
    return true;
  }

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
