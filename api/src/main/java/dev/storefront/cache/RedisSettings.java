package dev.storefront.cache;

import dev.storefront.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis clients: {@code REDIS_POOL_SIZE} pipelined connections, a bounded wait queue, connect
 * timeout tied to the call timeout.
 */
public final class RedisSettings {
  /** Pooled connections beyond the pipelined ones, for callers that take one of their own. */
  private static final int SPARE_CONNECTIONS = 2;

  private RedisSettings() {}

  /** The cache's client. */
  public static PipelinedRedis client(Vertx vertx, AppConfig config) {
    return new PipelinedRedis(vertx, options(config, config.redisUrl(), "redis"), config.redisPoolSize(),
        stallMs(config));
  }

  /** The security counters' client when {@code SECURITY_REDIS_URL} names another server. */
  public static PipelinedRedis securityClient(Vertx vertx, AppConfig config) {
    return new PipelinedRedis(vertx, options(config, config.securityRedisUrl(), "redis-security"),
        config.redisPoolSize(), stallMs(config));
  }

  /**
   * Opens the pool's connections before the first request needs one: a first command that has to
   * connect first can outlast the short per-command timeout, and a security counter would then
   * answer 503. Never fails; an unreachable Redis is the cache's and the counters' to handle.
   */
  public static Future<Void> connect(PipelinedRedis redis, AppConfig config) {
    List<Future<?>> pings = new ArrayList<>();
    long timeoutMs = stallMs(config);
    for (int i = 0; i < redis.size(); i++) {
      pings.add(redis.send(Request.cmd(Command.PING)).timeout(timeoutMs, TimeUnit.MILLISECONDS));
    }
    return Future.join(pings).<Void>mapEmpty().otherwiseEmpty();
  }

  /**
   * How long a connection may leave commands unanswered before it is replaced: well past any
   * command's timeout (Redis answers ours in well under a millisecond), so only a silent peer trips it.
   */
  static long stallMs(AppConfig config) {
    return Math.max(config.redisTimeoutMs() * 5L, 1000L);
  }

  private static RedisOptions options(AppConfig config, String url, String name) {
    return new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(config.redisPoolSize() + SPARE_CONNECTIONS)
        .setMaxPoolWaiting(256)
        .setMaxWaitingHandlers(4096)
        .setPoolName(name)
        .setMetricsName(name)
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout(Math.max(config.redisTimeoutMs() * 5, 1000))
            .setTcpNoDelay(true)
            .setTcpKeepAlive(true));
  }
}
