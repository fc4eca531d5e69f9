package dev.storefront.http;

import dev.storefront.web.Problems;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Requests the HTTP decoder rejected before any router saw them (oversized headers or request
 * line, malformed syntax, ambiguous body framing) still get a problem document; the connection is
 * closed after it, since where the next request would start is unknown.
 */
final class InvalidRequestHandler implements Handler<HttpServerRequest> {
  private final Cors cors;

  /** {@code cors}: null when CORS is off; otherwise every answer varies by origin and an allowed one gets its grant. */
  InvalidRequestHandler(Cors cors) {
    this.cors = cors;
  }

  @Override
  public void handle(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    int status = 400;
    if (cause instanceof TooLongHttpHeaderException) status = 431;
    if (cause instanceof TooLongHttpLineException) status = 414;
    if (cause instanceof StrictFraming.UnsupportedVersion) status = 505;
    String detail = cause instanceof StrictFraming.Refused refused ? refused.getMessage()
        : status == 400 ? "The request is not valid HTTP." : null;
    refuse(request, status, detail, cors);
  }

  /** {@link #reject}, then the connection is closed: the request was not one this server can answer in turn. */
  static void refuse(HttpServerRequest request, int status, String detail, Cors cors) {
    request.response().putHeader("Connection", "close").endHandler(v -> request.connection().close());
    reject(request, status, detail, cors);
  }

  /**
   * A problem answer written before (or instead of) routing, with the headers every response has and
   * the {@code instance} a routed problem has: the request's path.
   */
  static void reject(HttpServerRequest request, int status, String detail, Cors cors) {
    String requestId = answeredBeforeRouting(request, cors);
    String instance = lineUnread(request) ? null : Problems.instanceOf(request.path());
    Problems.send(request.response(), status, Problems.type(status), Problems.title(status), detail, instance,
        requestId);
  }

  /** Sets the headers every response has on an answer given before routing; returns its request id. */
  static String answeredBeforeRouting(HttpServerRequest request, Cors cors) {
    MultiMap headers = request.response().headers();
    SecurityHeaders.apply(headers, false);
    String requestId = RequestIds.accept(request.getHeader("X-Request-Id"));
    headers.set("X-Request-Id", requestId);
    if (cors != null) cors.decorate(request, headers);
    return requestId;
  }

  /**
   * True for Netty's stand-in for a request whose line could not be read (over the length limit,
   * or not a request line at all): {@code GET /bad-request HTTP/1.0} with no headers. It names no
   * path of the client's, so its problem has no {@code instance}.
   */
  private static boolean lineUnread(HttpServerRequest request) {
    return request.version() == HttpVersion.HTTP_1_0 && request.method() == HttpMethod.GET
        && "/bad-request".equals(request.uri()) && request.headers().isEmpty();
  }
}
