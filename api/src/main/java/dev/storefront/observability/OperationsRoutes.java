package dev.storefront.observability;

import dev.storefront.cache.RedisStore;
import dev.storefront.web.Feature;
import dev.storefront.web.ProblemException;
import dev.storefront.web.Responses;
import static dev.storefront.web.Responses.body;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The contract, its docs page, the Prometheus scrape and the probes. */
public final class OperationsRoutes implements Feature {
  private static final long PROBE_TIMEOUT_MS = 1_000;

  private final Pool pool;
  private final RedisStore redis;
  private final PrometheusMeterRegistry registry;
  private final StaticAssets assets;

  public OperationsRoutes(Pool pool, RedisStore redis, PrometheusMeterRegistry registry, StaticAssets assets) {
    this.pool = pool;
    this.redis = redis;
    this.registry = registry;
    this.assets = assets;
  }

  @Override
  public void bind(RouterBuilder builder) {
    builder.getRoute("getSchema").addHandler(rc -> body(rc, "application/yaml", assets.contract()));
    builder.getRoute("getDocs").addHandler(rc -> body(rc, "text/html; charset=utf-8", assets.docsPage()));
    builder.getRoute("getDocsAsset").addHandler(this::docsAsset);
    builder.getRoute("getMetrics").addHandler(PrometheusScrapingHandler.create(registry));
    builder.getRoute("getLiveness").addHandler(rc -> health(rc, 200, Map.of()));
    builder.getRoute("getReadiness").addHandler(this::readiness);
  }

  private void docsAsset(RoutingContext rc) {
    Buffer file = assets.docsAsset(rc.pathParam("file"));
    if (file == null) {
      rc.fail(ProblemException.notFound("No such file"));
      return;
    }
    rc.response().putHeader("Cache-Control", "public, max-age=86400");
    body(rc, "application/javascript", file);
  }

  /** Ready when PostgreSQL answers; Redis being down is reported but only degrades the cache. */
  private void readiness(RoutingContext rc) {
    Future<String> db = pool.query("SELECT 1").execute()
        .timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).map("UP").otherwise("DOWN");
    Future<String> cache = redis.ping().map("UP").otherwise("DOWN");
    Future.join(db, cache).onComplete(ignored -> {
      Map<String, String> checks = Map.of("postgresql", db.result(), "redis", cache.result());
      health(rc, "UP".equals(db.result()) ? 200 : 503, checks);
    });
  }

  private static void health(RoutingContext rc, int status, Map<String, String> checks) {
    JsonObject body = new JsonObject().put("status", status == 200 ? "UP" : "DOWN");
    if (!checks.isEmpty()) body.put("checks", new JsonObject(Map.copyOf(checks)));
    Responses.privateJson(rc, status, body.toBuffer());
  }

}
