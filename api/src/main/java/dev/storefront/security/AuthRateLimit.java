package dev.storefront.security;

import dev.storefront.web.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Rate limits on {@code /api/v1/auth/*}, per client IP: one window per endpoint and one across all
 * of them (the ceiling), shared by every instance through Redis. A request counts against both
 * windows or, when either refuses it, against neither. Answers carry
 * {@code RateLimit-Limit/Remaining/Reset}; refusals are 429 with {@code Retry-After}. With Redis
 * unreachable the endpoints answer 503: these limits fail closed.
 */
public final class AuthRateLimit implements Handler<RoutingContext> {
  static final String PREFIX = "/api/v1/auth/";
  private static final long MINUTE_MS = 60_000;
  /** Budgets exist for these names only, so odd paths cannot mint fresh keys. */
  private static final Map<String, String> ENDPOINTS = Map.of(
      "signup", "signup", "login", "login", "refresh", "refresh", "logout", "logout");

  private final SecurityCounters counters;
  private final ClientIp clientIp;
  private final int perEndpoint;
  private final int ceiling;

  public AuthRateLimit(SecurityCounters counters, ClientIp clientIp, int perEndpointPerMinute, int ceilingPerMinute) {
    this.counters = counters;
    this.clientIp = clientIp;
    this.perEndpoint = perEndpointPerMinute;
    this.ceiling = ceilingPerMinute;
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (!path.startsWith(PREFIX)) {
      rc.next();
      return;
    }
    String ip = ClientIp.bucket(clientIp.of(rc.request()));
    String endpoint = ENDPOINTS.getOrDefault(path.substring(PREFIX.length()).replaceAll("/+$", ""), "other");
    // One hash slot per address ({ip}), so one script can judge both windows: a request either
    // window refuses counts against neither, and parallel requests cannot slip between two checks.
    String slot = "rl:{" + ip + "}:";
    counters.hitAll(List.of(slot + "all", slot + endpoint), MINUTE_MS, List.of((long) ceiling, (long) perEndpoint))
        .map(windows -> binding(windows.get(0), windows.get(1)))
        .onSuccess(window -> {
          HttpServerResponse response = rc.response();
          response.putHeader("RateLimit-Limit", Long.toString(window.limit()))
              .putHeader("RateLimit-Remaining", Long.toString(window.remaining()))
              .putHeader("RateLimit-Reset", Long.toString(window.resetSeconds()));
          if (window.allowed()) {
            rc.next();
          } else {
            response.putHeader("Retry-After", Long.toString(window.resetSeconds()));
            rc.fail(ProblemException.of(429,
                "Too many requests from this address; retry after " + window.resetSeconds() + " s."));
          }
        })
        .onFailure(rc::fail);
  }

  /** The window the answer reports: the one that refused (the later to free up if both did), else the one with less left. */
  private static SecurityCounters.Window binding(SecurityCounters.Window all, SecurityCounters.Window one) {
    if (!all.allowed() && !one.allowed()) return all.resetSeconds() > one.resetSeconds() ? all : one;
    if (!all.allowed()) return all;
    if (!one.allowed()) return one;
    return all.remaining() < one.remaining() ? all : one;
  }
}
