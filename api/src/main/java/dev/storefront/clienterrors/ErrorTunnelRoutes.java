package dev.storefront.clienterrors;

import dev.storefront.config.SentryDsn;
import dev.storefront.security.ClientIp;
import dev.storefront.security.SecurityCounters;
import dev.storefront.web.Feature;
import dev.storefront.web.MediaTypes;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /api/v1/errors}, the browser Sentry SDK's {@code tunnel}: an envelope whose header
 * names the configured browser project is forwarded byte for byte to that project's ingest
 * endpoint, so ad blockers that drop requests to Sentry's host do not drop the reports. The DSN to
 * forward to comes from the settings, never from the request, so this cannot be used to reach any
 * other host. Limits: the body size (in front of every handler), a rate per client address (shared
 * through Redis, failing closed like the other limits), a cap on forwards in flight, a timeout.
 */
public final class ErrorTunnelRoutes implements Feature {
  static final int MAX_IN_FLIGHT = 64;
  private static final Set<String> ACCEPTED = Set.of("text/plain", "application/x-sentry-envelope");

  private final SentryDsn dsn;
  private final WebClient http;
  private final SecurityCounters counters;
  private final ClientIp clientIp;
  private final int perMinute;
  private final long timeoutMs;
  private final TunnelMetrics metrics;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** {@code dsn} null: the tunnel answers 404. */
  public ErrorTunnelRoutes(SentryDsn dsn, WebClient http, SecurityCounters counters, ClientIp clientIp, int perMinute,
      long timeoutMs, MeterRegistry registry) {
    this.dsn = dsn;
    this.http = http;
    this.counters = counters;
    this.clientIp = clientIp;
    this.perMinute = perMinute;
    this.timeoutMs = timeoutMs;
    this.metrics = new TunnelMetrics(registry);
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("tunnelBrowserErrors").addHandler(this::tunnel);
  }

  private void tunnel(RoutingContext rc) {
    if (dsn == null) {
      rc.fail(ProblemException.notFound("Browser error reporting is off here (SENTRY_BROWSER_DSN is not set)."));
      return;
    }
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && !ACCEPTED.contains(MediaTypes.essence(type))) {
      rc.fail(ProblemException.of(415, "Send the envelope as text/plain or application/x-sentry-envelope."));
      return;
    }
    Buffer envelope = rc.body() == null ? null : rc.body().buffer();
    SentryDsn claimed = Envelopes.dsn(envelope);
    if (!claimed.sameProject(dsn)) {
      metrics.refused();
      rc.fail(new ProblemException(403, "foreign-dsn", "Forbidden",
          "The envelope names a Sentry project this tunnel does not forward to."));
      return;
    }
    String ip = ClientIp.bucket(clientIp.of(rc.request()));
    counters.hit("rl:errors:" + ip, 60_000, perMinute)
        .compose(window -> {
          if (window.allowed()) return forward(envelope);
          metrics.limited();
          return Future.failedFuture(ProblemException.of(429,
              "Too many error reports from this address; retry after " + window.resetSeconds() + " s.")
              .retryAfter(window.resetSeconds()));
        })
        .onSuccess(upstream -> answer(rc, upstream))
        .onFailure(rc::fail);
  }

  private Future<HttpResponse<Buffer>> forward(Buffer envelope) {
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      metrics.upstreamFailed();
      return Future.failedFuture(unavailable(503, "Too many error reports are being forwarded; retry shortly.")
          .retryAfter(1));
    }
    return http.postAbs(dsn.envelopeUrl())
        .timeout(timeoutMs)
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/x-sentry-envelope")
        .sendBuffer(envelope)
        .andThen(ar -> inFlight.decrementAndGet())
        .recover(e -> {
          metrics.upstreamFailed();
          return Future.failedFuture(unavailable(502, "The error collector could not be reached."));
        });
  }

  /** 2xx: forwarded; 429: Sentry's own limit, passed on so the SDK backs off; else a 502. */
  private void answer(RoutingContext rc, HttpResponse<Buffer> upstream) {
    String limits = upstream.getHeader("X-Sentry-Rate-Limits");
    if (limits != null) rc.response().putHeader("X-Sentry-Rate-Limits", limits);
    int status = upstream.statusCode();
    if (status >= 200 && status < 300) {
      metrics.forwarded();
      Responses.privateJson(rc, 200, new JsonObject().put("forwarded", true).toBuffer());
    } else if (status == 429) {
      metrics.limited();
      rc.fail(ProblemException.of(429, "The error collector is rate limiting this project.").retryAfter(retryAfter(upstream)));
    } else {
      metrics.upstreamFailed();
      rc.fail(unavailable(502, "The error collector answered " + status + "."));
    }
  }

  private static long retryAfter(HttpResponse<Buffer> upstream) {
    try {
      return Math.max(1, Long.parseLong(upstream.getHeader("Retry-After").trim()));
    } catch (RuntimeException e) {
      return 60;
    }
  }

  /** Not logged or reported per request: reporting that Sentry is unreachable to Sentry helps no one. */
  private static ProblemException unavailable(int status, String detail) {
    return new ProblemException(status, "error-collector-unavailable", "Error collector unavailable", detail).shed();
  }
}
