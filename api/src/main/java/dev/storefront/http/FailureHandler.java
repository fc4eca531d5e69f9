package dev.storefront.http;

import dev.storefront.db.PoolBusy;
import dev.storefront.web.Problems;
import dev.storefront.web.ProblemException;
import dev.storefront.observability.SentryReporter;
import dev.storefront.security.BearerAuth;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: every error is an RFC 9457 problem document with a
 * stable type, never a stack trace. 500s are logged with their stack trace and all reported to
 * Sentry; 503s (a dependency is down, see {@link TransientFailures}) are logged as one line and
 * sampled for Sentry, since an outage turns every request into one. Load refused by design (a full
 * pool queue, the hashing queue at its cap) is not logged per request at all.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  /** A dependency that failed (PostgreSQL, Redis, a verifier) is usually back within seconds. */
  static final String DEPENDENCY_RETRY_AFTER_SECONDS = "5";

  private final RouteTemplates routes;
  private final SentryReporter sentry;

  public FailureHandler(RouteTemplates routes, SentryReporter sentry) {
    this.routes = routes;
    this.sentry = sentry;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (rc.get(RequestContextHandler.ROUTE) == null) {
      String answered = RequestContextHandler.routeOf(rc);
      rc.put(RequestContextHandler.ROUTE,
          "unmatched".equals(answered) ? routes.templateOf(rc.normalizedPath()) : answered);
    }
    Throwable failure = rc.failure();
    String requestId = rc.get(RequestContextHandler.REQUEST_ID);
    if (PoolBusy.is(TransientFailures.unwrap(failure))) {
      // Load being shed, by design: no log line or Sentry event per refused request.
      rc.response().putHeader("Retry-After", PoolBusy.RETRY_AFTER_SECONDS);
      send(rc, 503, Problems.type(503), Problems.title(503), PoolBusy.DETAIL, requestId);
      return;
    }
    if (failure != null && !(failure instanceof ProblemException) && !(failure instanceof HttpException)
        && !rc.request().isEnded()) {
      requestUnreadable(rc, failure, requestId);
      return;
    }
    if (failure instanceof ProblemException p) {
      if (p.retryAfterSeconds() > 0) rc.response().putHeader("Retry-After", Long.toString(p.retryAfterSeconds()));
      if (p.status() >= 500 && !p.isShed()) report(rc, p.status(), p, requestId);
      send(rc, p.status(), p.type(), p.title(), p.getMessage(), requestId);
      return;
    }
    int status = statusOf(rc, failure);
    String allow = status == 405 ? routes.allowOf(rc.normalizedPath()) : null;
    // TRACE is refused before routing, on any path: where the contract has no resource, that is a 404.
    if (allow != null && allow.isEmpty()) status = 404;
    if (status == 405) {
      rc.response().putHeader("Allow", allow);
      if (rc.request().method() == HttpMethod.OPTIONS && allow.contains("OPTIONS")) {
        // A plain OPTIONS (no preflight) asks what the resource supports, and Allow says it (RFC 9110 9.3.7).
        rc.response().setStatusCode(204).end();
        return;
      }
    }
    String detail = status < 500 ? clientDetail(routes.operationOf(rc.request().path(), rc.request().method()), status,
        failure) : null;
    if (status >= 500) {
      report(rc, status, failure == null ? new IllegalStateException("status " + status) : failure, requestId);
      if (status == 503) detail = "A dependency is unavailable; retry shortly.";
    }
    send(rc, status, Problems.type(status), Problems.title(status), detail, requestId);
  }

  /**
   * A failure while the request itself was still arriving: the client sent a body that cannot be
   * decoded (a bad chunk size, say) or went away mid-body. Neither is a server fault: an INFO line,
   * no ERROR, no Sentry event. A broken body gets a 400 and the connection closed (its framing is
   * lost) when the connection is still open; a client that left gets nothing.
   */
  private void requestUnreadable(RoutingContext rc, Throwable failure, String requestId) {
    String method = rc.request().method().name();
    String route = RequestContextHandler.routeOf(rc);
    if (rc.response().closed() || failure instanceof HttpClosedException) {
      LOG.info("{} {}: the connection closed before the request arrived, {} (request {})", method, route, failure,
          requestId);
      return;
    }
    LOG.info("{} {}: the request body could not be read, {} (request {})", method, route, failure, requestId);
    rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    send(rc, 400, Problems.type(400), Problems.title(400), "The request body could not be read: its framing is broken.",
        requestId);
  }

  private static int statusOf(RoutingContext rc, Throwable failure) {
    if (failure instanceof HttpException h) return h.getStatusCode();
    if (failure instanceof ValidatorException || failure instanceof DecodeException) return 400;
    if (failure instanceof PgException pg && TextInputGuard.unstorableText(pg)) return 400;
    if (TransientFailures.isTransient(failure)) return 503;
    if (failure == null && rc.statusCode() > 0) return rc.statusCode();
    return 500;
  }

  private void report(RoutingContext rc, int status, Throwable failure, String requestId) {
    String route = RequestContextHandler.routeOf(rc);
    String method = rc.request().method().name();
    if (status == 503) {
      LOG.warn("{} {} answered 503, {} (request {})", method, route, TransientFailures.describe(failure), requestId);
      sentry.reportSampled(TransientFailures.kind(failure), failure, status, method, route, requestId);
      return;
    }
    LOG.error("{} {} failed with {} (request {})", method, route, status, requestId, failure);
    sentry.report(failure, status, method, route, requestId);
  }

  private static String clientDetail(Operation operation, int status, Throwable failure) {
    Throwable cause = failure instanceof HttpException h && h.getCause() != null ? h.getCause() : failure;
    if (cause instanceof ValidatorException v) return ValidationMessages.of(v, operation);
    if (cause instanceof PgException) return "The request contains text that cannot be stored.";
    if (cause instanceof DecodeException) return "The request body is not valid JSON.";
    if (status == 413) return "The request body is over the configured limit.";
    if (status == 405) return "This path does not support that method.";
    if (status == 404) return "No such resource.";
    return null;
  }

  private static void send(RoutingContext rc, int status, String type, String title, String detail, String requestId) {
    if (status == 401) rc.response().putHeader("WWW-Authenticate", BearerAuth.challenge(rc));
    // Every 503 says when to come back (RFC 9110 10.2.3); a cause that knows better has set it already.
    if (status == 503 && !rc.response().headers().contains("Retry-After")) {
      rc.response().putHeader("Retry-After", DEPENDENCY_RETRY_AFTER_SECONDS);
    }
    Problems.send(rc.response(), status, type, title, detail, Problems.instanceOf(rc.request().path()), requestId);
  }
}
