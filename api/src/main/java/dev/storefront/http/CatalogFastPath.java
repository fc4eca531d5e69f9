package dev.storefront.http;

import dev.storefront.cache.CachedBody;
import dev.storefront.catalog.CatalogService;
import dev.storefront.catalog.ProductListQuery;
import dev.storefront.observability.AccessLog;
import dev.storefront.observability.HttpMetrics;
import dev.storefront.web.CachedResponses;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The hottest reads, a PDP or a plain listing page already in this process's L1, answered before
 * the router (ADR 0006): the same bytes and headers the routed request would get (request id,
 * security headers, ETag, 304, gzip, Cache-Control, Vary), the same latency metric and access
 * line, for about a third of the routed cost. Anything else goes to the router untouched: a miss,
 * any other method or path, an escaped or unusual query, credentials, a cross-origin request when
 * CORS is on, a request with a body.
 */
final class CatalogFastPath {
  private static final String PRODUCTS = "/api/v1/products";
  private static final String PRODUCT_PREFIX = PRODUCTS + "/";
  private static final String PDP_ROUTE = "/api/v1/products/{id}";
  private static final String[] LISTING_PARAMS = {"category", "q", "minPrice", "maxPrice", "sort", "page", "size"};

  private final CatalogService catalog;
  private final CachedResponses responses;
  private final HttpMetrics metrics;
  private final AccessLog accessLog;
  private final boolean cors;

  /** {@code accessLog} may be null (no access lines). */
  CatalogFastPath(CatalogService catalog, CachedResponses responses, HttpMetrics metrics, AccessLog accessLog,
      boolean cors) {
    this.catalog = catalog;
    this.responses = responses;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.cors = cors;
  }

  /** A cached page a request may be answered with, and the route template it is counted under. */
  record Hit(CachedBody body, String route) {}

  /** True when the request was answered here. */
  boolean handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET) return false;
    Hit hit = lookup(request.path(), request.query(), request.headers());
    if (hit == null) return false;
    answer(request, hit);
    return true;
  }

  /**
   * The cached page for a GET of {@code path} and {@code query} (null when there is no '?') with
   * these request headers, or null when the request must go to the router.
   */
  Hit lookup(String path, String query, MultiMap headers) {
    if (!plain(headers)) return null;
    if (query == null && path.startsWith(PRODUCT_PREFIX)) {
      long id = productId(path);
      return id > 0 ? hit(catalog.cachedProduct(id), PDP_ROUTE) : null;
    }
    if (query != null && path.equals(PRODUCTS)) {
      ProductListQuery listing = listing(query);
      return listing != null ? hit(catalog.cachedList(listing), PRODUCTS) : null;
    }
    return null;
  }

  private static Hit hit(CachedBody body, String route) {
    return body == null || body.isEmpty() ? null : new Hit(body, route);
  }

  private boolean plain(MultiMap in) {
    return !in.contains(HttpHeaders.AUTHORIZATION) && !(cors && in.contains(HttpHeaders.ORIGIN))
        && !in.contains(HttpHeaders.CONTENT_LENGTH) && !in.contains(HttpHeaders.TRANSFER_ENCODING);
  }

  /** The id of {@code /api/v1/products/<1-18 digits>}, or 0. */
  static long productId(String path) {
    int n = path.length();
    if (n <= PRODUCT_PREFIX.length() || n > PRODUCT_PREFIX.length() + 18) return 0;
    long id = 0;
    for (int i = PRODUCT_PREFIX.length(); i < n; i++) {
      char c = path.charAt(i);
      if (c < '0' || c > '9') return 0;
      id = id * 10 + (c - '0');
    }
    return id;
  }

  /**
   * A listing query of known names, each once, with values of letters, digits, '.', '_' and '-'
   * only (no escapes, no ';'); null for anything else, and for what the parser refuses (the router
   * then gives the 400). One scan of the raw query, no map and no regex.
   */
  static ProductListQuery listing(String query) {
    String[] values = new String[LISTING_PARAMS.length];
    int n = query.length();
    for (int start = 0; start <= n; ) {
      int end = query.indexOf('&', start);
      if (end < 0) end = n;
      int eq = query.indexOf('=', start);
      if (eq <= start || eq >= end - 1) return null;
      int slot = slot(query, start, eq);
      if (slot < 0 || values[slot] != null || !simple(query, eq + 1, end)) return null;
      values[slot] = query.substring(eq + 1, end);
      start = end + 1;
    }
    try {
      return ProductListQuery.parse(name -> values[slot(name, 0, name.length())]);
    } catch (RuntimeException refused) {
      return null;
    }
  }

  /** The index in LISTING_PARAMS of the name at {@code text[from, to)}, or -1. */
  private static int slot(String text, int from, int to) {
    for (int i = 0; i < LISTING_PARAMS.length; i++) {
      String name = LISTING_PARAMS[i];
      if (name.length() == to - from && text.startsWith(name, from)) return i;
    }
    return -1;
  }

  private static boolean simple(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private void answer(HttpServerRequest request, Hit hit) {
    long start = System.nanoTime();
    String requestId = RequestIds.of(request.headers());
    HttpServerResponse response = request.response();
    MultiMap out = response.headers();
    out.add(RequestIds.HEADER, requestId);
    // As Cors does for every response while CORS is on (a request with an Origin never gets here).
    if (cors) out.add(HttpHeaders.VARY, Cors.VARY_ORIGIN);
    SecurityHeaders.apply(out, false);
    int status = responses.send(request, response, hit.body());
    answered(hit, status, start, requestId, false);
  }

  /** Counts and logs an answer given here or by {@link CatalogWire}, as the router does its own. */
  void answered(Hit hit, int status, long startNanos, String requestId, boolean onConnection) {
    long nanos = System.nanoTime() - startNanos;
    metrics.record("GET", hit.route(), status, nanos);
    metrics.fastPath(onConnection);
    if (accessLog != null) accessLog.log(requestId, "GET", hit.route(), status, nanos / 1_000_000.0);
  }

  CachedResponses responses() {
    return responses;
  }

  boolean cors() {
    return cors;
  }
}
