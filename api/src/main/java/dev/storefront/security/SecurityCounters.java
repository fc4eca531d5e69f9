package dev.storefront.security;

import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sliding-window event logs in Redis (sorted sets scored by Redis's own clock so every instance
 * agrees): the rate limits here, the sign-in attempt logs in {@link AttemptLog}. Unlike the cache
 * these fail closed: any Redis error or timeout becomes a 503, never a pass.
 */
public final class SecurityCounters {
  /** {@code allowed}, the events left in the window, and the seconds until one frees up. */
  public record Window(boolean allowed, long limit, long count, long remaining, long resetSeconds) {}

  private static final String HIT = """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local window = tonumber(ARGV[1])
      local limit = tonumber(ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      local count = redis.call('ZCARD', KEYS[1])
      local allowed = 0
      if count < limit then
        redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
        redis.call('PEXPIRE', KEYS[1], window)
        count = count + 1
        allowed = 1
      end
      local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      local reset = 0
      if oldest[2] then reset = tonumber(oldest[2]) + window - now end
      return {allowed, count, reset}
      """;

  private final Redis redis;
  private final String namespace;
  private final long timeoutMs;

  public SecurityCounters(Redis redis, String namespace, long timeoutMs) {
    this.redis = redis;
    this.namespace = namespace + ":sec:";
    this.timeoutMs = timeoutMs;
  }

  /** Records one event if fewer than {@code limit} happened in the window. */
  public Future<Window> hit(String key, long windowMs, long limit) {
    return eval(HIT, key, Long.toString(windowMs), Long.toString(limit), suffix()).map(r -> {
      boolean allowed = r.get(0).toInteger() == 1;
      long count = r.get(1).toLong();
      return new Window(allowed, limit, count, Math.max(0, limit - count), seconds(r.get(2).toLong()));
    });
  }

  private Future<Response> eval(String script, String key, String... args) {
    return eval(script, List.of(key), args);
  }

  /** Runs a script on keys of this namespace (the caller keeps multi-key scripts in one hash slot). */
  Future<Response> eval(String script, List<String> keys, String... args) {
    Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
    for (String key : keys) request.arg(namespace + key);
    for (String a : args) request.arg(a);
    return send(request);
  }

  /** Runs one command whose first argument is a key of this namespace. */
  Future<Response> command(Command command, String key, String... args) {
    Request request = Request.cmd(command).arg(namespace + key);
    for (String a : args) request.arg(a);
    return send(request);
  }

  private Future<Response> send(Request request) {
    return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(new ProblemException(503, "service-unavailable", "Service unavailable",
            "Sign-in protection is unavailable; retry shortly.")));
  }

  static long seconds(long ms) {
    return Math.max(1, (ms + 999) / 1000);
  }

  private static String suffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }
}
