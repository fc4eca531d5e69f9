package dev.storefront;

import dev.storefront.cache.CircuitBreaker;
import dev.storefront.cache.PipelinedRedis;
import dev.storefront.cache.RedisSettings;
import dev.storefront.cache.RedisStore;
import dev.storefront.config.AppConfig;
import dev.storefront.config.CacheSettings;
import dev.storefront.db.Database;
import dev.storefront.observability.AccessLog;
import dev.storefront.observability.MetricsRegistry;
import dev.storefront.observability.SentryReporter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import static dev.storefront.Shutdown.stage;

/**
 * The parts every feature shares: the metrics registry, Vert.x, Sentry, the PostgreSQL pools (requests,
 * change feed), the Redis clients (cache, security counters), the Redis store and the access log.
 * Separate from the features because it is built first and closed last. {@code accessLog} is null
 * when the access log is off.
 */
record Infrastructure(PrometheusMeterRegistry registry, Vertx vertx, SentryReporter sentry, Pool pool, Pool feedPool,
    PipelinedRedis redis, PipelinedRedis securityRedis, RedisStore store, AccessLog accessLog) {

  static Infrastructure create(AppConfig config) {
    PrometheusMeterRegistry registry = MetricsRegistry.create();
    Vertx vertx = MetricsRegistry.vertx(registry);
    SentryReporter sentry = SentryReporter.start(config);
    Pool pool = Database.pool(vertx, config);
    Pool feedPool = Database.feedPool(vertx, config);
    PipelinedRedis redis = RedisSettings.client(vertx, config);
    PipelinedRedis securityRedis = config.securityRedisUrl().equals(config.redisUrl())
        ? redis : RedisSettings.securityClient(vertx, config);
    CacheSettings cs = config.cache();
    RedisStore store = new RedisStore(redis,
        new CircuitBreaker(cs.breakerFailures(), cs.breakerResetMs(), System::currentTimeMillis),
        config.redisTimeoutMs());
    MetricsRegistry.bindCircuit(registry, store);
    AccessLog accessLog = config.accessLog() ? new AccessLog(System.out, registry) : null;
    return new Infrastructure(registry, vertx, sentry, pool, feedPool, redis, securityRedis, store, accessLog);
  }

  /** Opens the Redis connections of both clients (one when they are the same server). */
  Future<?> connectRedis(AppConfig config) {
    return Future.join(RedisSettings.connect(redis, config), securityRedis == redis
        ? Future.succeededFuture() : RedisSettings.connect(securityRedis, config));
  }

  /** The last stages of a stop, once nothing uses these parts any more. */
  List<Shutdown.Stage> closeStages() {
    return List.of(
        stage("Redis closes", () -> securityRedis == redis ? redis.close()
            : Future.join(redis.close(), securityRedis.close()).mapEmpty()),
        stage("PostgreSQL closes", () -> Future.join(pool.close(), feedPool.close()).mapEmpty()),
        stage("Vert.x closes", vertx::close));
  }

  /** After the stop, whatever its outcome. */
  void closeReporting() {
    sentry.close();
    if (accessLog != null) accessLog.close();
  }

}
