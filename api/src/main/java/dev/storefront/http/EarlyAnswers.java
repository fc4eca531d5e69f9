package dev.storefront.http;

import dev.storefront.observability.AccessLog;
import dev.storefront.observability.HttpMetrics;
import dev.storefront.web.Problems;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Answers given before (or instead of) routing: refusals of what the router cannot take, and
 * {@code OPTIONS *}. Each carries what a routed answer carries (security headers, request id,
 * CORS grant) and is counted and logged as one: the latency metric and one access line, under the
 * route {@value #ROUTE}, the label the router gives requests that match no operation.
 */
final class EarlyAnswers {
  static final String ROUTE = "unmatched";

  private final Cors cors;
  private final HttpMetrics metrics;
  private final AccessLog accessLog;

  /** {@code cors} is null when CORS is off; {@code accessLog} null when access lines are off. */
  EarlyAnswers(Cors cors, HttpMetrics metrics, AccessLog accessLog) {
    this.cors = cors;
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  /** {@link #reject}, then the connection is closed: the request was not one this server can answer in turn. */
  void refuse(HttpServerRequest request, int status, String detail) {
    request.response().putHeader("Connection", "close");
    problem(request, status, detail, () -> request.connection().close());
  }

  /** A problem answer, with the {@code instance} a routed problem has: the request's path. */
  void reject(HttpServerRequest request, int status, String detail) {
    problem(request, status, detail, null);
  }

  private void problem(HttpServerRequest request, int status, String detail, Runnable afterEnd) {
    String requestId = begin(request, afterEnd);
    String instance = lineUnread(request) ? null : Problems.instanceOf(request.path());
    Problems.send(request.response(), status, Problems.type(status), Problems.title(status), detail, instance,
        requestId);
  }

  /**
   * Sets the headers every response has and arranges the metric and access line (then
   * {@code afterEnd}, which may be null) for when the answer has been written; the caller then
   * writes it. Returns the answer's request id.
   */
  String begin(HttpServerRequest request, Runnable afterEnd) {
    long start = System.nanoTime();
    HttpServerResponse response = request.response();
    MultiMap headers = response.headers();
    SecurityHeaders.apply(headers, false);
    String requestId = RequestIds.of(request.headers());
    headers.set(RequestIds.HEADER, requestId);
    if (cors != null) cors.decorate(request, headers);
    String method = RequestContextHandler.methodLabel(request.method());
    response.endHandler(ended -> {
      long nanos = System.nanoTime() - start;
      metrics.record(method, ROUTE, response.getStatusCode(), nanos);
      if (accessLog != null) accessLog.log(requestId, method, ROUTE, response.getStatusCode(), nanos / 1_000_000.0);
      if (afterEnd != null) afterEnd.run();
    });
    return requestId;
  }

  /**
   * True for the stand-in for a request whose line could not be read (over the length limit, or
   * not a request line at all): {@code GET /bad-request} with no headers, failed. It names no path
   * of the client's, so its problem has no {@code instance}.
   */
  private static boolean lineUnread(HttpServerRequest request) {
    return request.method() == HttpMethod.GET && StrictFraming.BAD_REQUEST_URI.equals(request.uri())
        && request.headers().isEmpty() && request.decoderResult() != null && request.decoderResult().isFailure();
  }
}
