package dev.storefront.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder rejected before any router saw them (oversized headers or request
 * line, malformed syntax, ambiguous body framing) still get a problem document; the connection is
 * closed after it, since where the next request would start is unknown.
 */
final class InvalidRequestHandler implements Handler<HttpServerRequest> {
  private final EarlyAnswers answers;

  InvalidRequestHandler(EarlyAnswers answers) {
    this.answers = answers;
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
    answers.refuse(request, status, detail);
  }
}
