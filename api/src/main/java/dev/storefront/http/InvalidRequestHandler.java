package dev.storefront.http;

import dev.storefront.web.Problems;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

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

  /** A problem answer written before (or instead of) routing, with the headers every response has. */
  static void reject(HttpServerRequest request, int status, String detail, Cors cors) {
    String requestId = answeredBeforeRouting(request, cors);
    Problems.send(request.response(), status, Problems.type(status), Problems.title(status), detail, null, requestId);
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
}
