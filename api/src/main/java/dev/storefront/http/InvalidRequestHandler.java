package dev.storefront.http;

import dev.storefront.web.Problems;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder rejected before any router saw them (oversized headers or request
 * line, malformed syntax) still get a problem document; the server closes the connection after.
 */
final class InvalidRequestHandler implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    int status = 400;
    if (cause instanceof TooLongHttpHeaderException) status = 431;
    if (cause instanceof TooLongHttpLineException) status = 414;
    SecurityHeaders.apply(request.response().headers(), false);
    Problems.send(request.response(), status, Problems.type(status), Problems.title(status),
        status == 400 ? "The request is not valid HTTP." : null, null, RequestIds.random());
  }
}
