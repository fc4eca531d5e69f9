package dev.storefront.cache;

import dev.storefront.config.AppConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;

/** Redis client options: bounded pool and wait queue, connect timeout tied to the call timeout. */
public final class RedisSettings {
  private RedisSettings() {}

  public static RedisOptions options(AppConfig config) {
    return new RedisOptions()
        .setConnectionString(config.redisUrl())
        .setMaxPoolSize(config.redisPoolSize())
        .setMaxPoolWaiting(config.redisPoolSize() * 256)
        .setMaxWaitingHandlers(4096)
        .setPoolName("redis")
        .setMetricsName("redis")
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout(Math.max(config.redisTimeoutMs() * 5, 1000))
            .setTcpNoDelay(true)
            .setTcpKeepAlive(true));
  }
}
