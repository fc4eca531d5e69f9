package dev.storefront.cache;

import dev.storefront.config.AppConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;

/** Redis client options: bounded pool and wait queue, connect timeout tied to the call timeout. */
public final class RedisSettings {
  private RedisSettings() {}

  public static RedisOptions options(AppConfig config) {
    return options(config, config.redisUrl(), "redis");
  }

  /** The security counters' client when {@code SECURITY_REDIS_URL} names another server. */
  public static RedisOptions securityOptions(AppConfig config) {
    return options(config, config.securityRedisUrl(), "redis-security");
  }

  private static RedisOptions options(AppConfig config, String url, String name) {
    return new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(config.redisPoolSize())
        .setMaxPoolWaiting(config.redisPoolSize() * 256)
        .setMaxWaitingHandlers(4096)
        .setPoolName(name)
        .setMetricsName(name)
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout(Math.max(config.redisTimeoutMs() * 5, 1000))
            .setTcpNoDelay(true)
            .setTcpKeepAlive(true));
  }
}
