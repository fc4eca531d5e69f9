package dev.storefront.http;

import dev.storefront.observability.AccessLog;
import dev.storefront.observability.HttpMetrics;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * First handler of every request: assigns the request id (echoed as {@code X-Request-Id}) and, when
 * the response ends, records the latency metric and writes one JSON access line (event streams,
 * which are not requests in that sense, do both their own way). A client that left before its
 * answer was sent is recorded as {@value #CLIENT_CLOSED} (the status nginx logs for it), not as the
 * 200 the response was still set to.
 */
public final class RequestContextHandler implements PlatformHandler {
  public static final String REQUEST_ID = "requestId";
  /** Set by a handler that turned the request into an event stream: it writes its own line and metrics. */
  public static final String STREAM = "eventStream";
  static final String ROUTE = "routeTemplate";
  static final int CLIENT_CLOSED = 499;

  private final HttpMetrics metrics;
  private final AccessLog accessLog;

  /** {@code accessLog} may be null: no access lines. */
  public RequestContextHandler(HttpMetrics metrics, AccessLog accessLog) {
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  @Override
  public void handle(RoutingContext rc) {
    String rerouted = rc.get(REQUEST_ID);
    if (rerouted != null) {
      // A reroute (HEAD as GET) passes here twice: count it once, but the reroute cleared the
      // response headers, so the id goes back on.
      rc.response().putHeader(RequestIds.HEADER, rerouted);
      rc.next();
      return;
    }
    long start = System.nanoTime();
    String requestId = RequestIds.of(rc.request().headers());
    rc.put(REQUEST_ID, requestId);
    rc.response().putHeader(RequestIds.HEADER, requestId);
    rc.addEndHandler(ended -> {
      if (rc.get(STREAM) != null) return;
      long nanos = System.nanoTime() - start;
      String route = routeOf(rc);
      int status = ended.failed() && !rc.response().ended() ? CLIENT_CLOSED : rc.response().getStatusCode();
      String method = methodLabel(rc.request().method());
      metrics.record(method, route, status, nanos);
      if (accessLog != null) accessLog.log(requestId, method, route, status, nanos / 1_000_000.0);
    });
    rc.next();
  }

  private static final java.util.Set<HttpMethod> KNOWN = java.util.Set.of(HttpMethod.GET, HttpMethod.HEAD,
      HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE);

  /** Any method token is valid HTTP; only the standard ones become label values. */
  static String methodLabel(HttpMethod method) {
    return KNOWN.contains(method) ? method.name() : "OTHER";
  }

  /** The OpenAPI template of the route that answered, from the metadata the router builder sets. */
  static String routeOf(RoutingContext rc) {
    String route = rc.get(ROUTE);
    if (route != null) return route;
    Route current = rc.currentRoute();
    Object operation = current == null ? null : current.getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
    if (operation instanceof Operation op) return op.getOpenAPIPath();
    if (operation instanceof OpenAPIRoute op) return op.getOperation().getOpenAPIPath();
    return "unmatched";
  }
}
