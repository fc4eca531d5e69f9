package dev.storefront.observability;

import dev.storefront.cache.RedisStore;
import dev.storefront.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The probes. Live while the process serves; ready while it is not shutting down and PostgreSQL
 * answers. Redis being down is reported but only degrades the cache, so it does not fail readiness.
 */
public final class Health {
  private static final long PROBE_TIMEOUT_MS = 1_000;

  private final Pool pool;
  private final RedisStore redis;
  private volatile boolean draining;

  public Health(Pool pool, RedisStore redis) {
    this.pool = pool;
    this.redis = redis;
  }

  /** From now on readiness fails, so load balancers stop sending new requests. */
  public void drain() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  void live(RoutingContext rc) {
    send(rc, 200, Map.of());
  }

  void ready(RoutingContext rc) {
    if (draining) {
      send(rc, 503, Map.of("shutdown", "DRAINING"));
      return;
    }
    Future<String> db = pool.query("SELECT 1").execute()
        .timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).map("UP").otherwise("DOWN");
    Future<String> cache = redis.ping().map("UP").otherwise("DOWN");
    Future.join(db, cache).onComplete(ignored -> {
      Map<String, String> checks = Map.of("postgresql", db.result(), "redis", cache.result());
      send(rc, "UP".equals(db.result()) && !draining ? 200 : 503, checks);
    });
  }

  private static void send(RoutingContext rc, int status, Map<String, String> checks) {
    JsonObject body = new JsonObject().put("status", status == 200 ? "UP" : "DOWN");
    if (!checks.isEmpty()) body.put("checks", new JsonObject(Map.copyOf(checks)));
    Responses.privateJson(rc, status, body.toBuffer());
  }
}
