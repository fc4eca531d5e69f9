package dev.storefront.http;

import dev.storefront.web.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.stream.Stream;

/**
 * A request header this server reads as one value, sent on more than one line, is a 400 naming it,
 * for every operation, here: which line a handler, a validator or a proxy in front would take is
 * not defined (RFC 9110 5.3 lets only list-valued fields be split over lines), so two
 * {@code Idempotency-Key}s are refused rather than one of them silently used. Two
 * {@code Authorization} lines are the bearer check's to refuse (a 401 with its challenge).
 * List-valued fields ({@code Accept-Encoding}, {@code If-None-Match}, {@code X-Forwarded-For})
 * are read whole elsewhere; Host is checked as the request is decoded.
 * A platform handler, so it runs before any body is read.
 */
final class SingleHeaderValues implements PlatformHandler {
  static final List<CharSequence> SINGLE = Stream.of("Content-Type", "Content-Encoding",
      "Idempotency-Key", "Stripe-Signature", "Last-Event-ID", "X-Visitor-Id", "Origin")
      .map(HttpHeaders::createOptimized).toList();

  @Override
  public void handle(RoutingContext rc) {
    MultiMap headers = rc.request().headers();
    for (CharSequence name : SINGLE) {
      if (headers.contains(name) && headers.getAll(name).size() > 1) {
        rc.fail(ProblemException.badRequest(name + ": must be sent on one header line, once"));
        return;
      }
    }
    rc.next();
  }
}
