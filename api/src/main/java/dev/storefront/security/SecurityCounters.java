package dev.storefront.security;

import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sliding-window event logs in Redis (one sorted set per key, scored by Redis's own clock so every
 * instance agrees), shared by rate limits and login throttling. Unlike the cache these fail
 * closed: any Redis error or timeout becomes a 503, never a pass.
 */
public final class SecurityCounters {
  /** {@code allowed}, the events left in the window, and the seconds until one frees up. */
  public record Window(boolean allowed, long limit, long count, long remaining, long resetSeconds) {}

  /** An event recorded before its outcome is known, with the counts it found before itself. */
  public record Pending(String key, String member, long recent, long total, long resetSeconds) {}

  // KEYS[1]; ARGV: window ms, limit, member suffix. Adds an event only when under the limit.
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

  // KEYS[1]; ARGV: short window ms, long window ms, member suffix. Counts what came before, then
  // records this event in the same atomic step, so concurrent attempts each see the others.
  private static final String BEGIN = """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
      local recent = redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[1]), '+inf')
      local total = redis.call('ZCARD', KEYS[1])
      local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      local reset = 0
      if oldest[2] then reset = tonumber(oldest[2]) + tonumber(ARGV[2]) - now end
      local member = now .. '-' .. ARGV[3]
      redis.call('ZADD', KEYS[1], now, member)
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return {recent, total, reset, member}
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

  /**
   * Records an event whose outcome is not known yet, returning how many came before it in the
   * last {@code shortMs} and {@code longMs}; {@link #withdraw} takes it back if it should not count.
   */
  public Future<Pending> begin(String key, long shortMs, long longMs) {
    return eval(BEGIN, key, Long.toString(shortMs), Long.toString(longMs), suffix())
        .map(r -> new Pending(key, r.get(3).toString(), r.get(0).toLong(), r.get(1).toLong(), seconds(r.get(2).toLong())));
  }

  public Future<Void> withdraw(Pending pending) {
    return send(Request.cmd(Command.ZREM).arg(namespace + pending.key()).arg(pending.member())).mapEmpty();
  }

  public Future<Void> clear(String key) {
    return send(Request.cmd(Command.DEL).arg(namespace + key)).mapEmpty();
  }

  private Future<Response> eval(String script, String key, String... args) {
    Request request = Request.cmd(Command.EVAL).arg(script).arg(1).arg(namespace + key);
    for (String a : args) request.arg(a);
    return send(request);
  }

  private Future<Response> send(Request request) {
    return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(new ProblemException(503, "service-unavailable", "Service unavailable",
            "Sign-in protection is unavailable; retry shortly.")));
  }

  private static long seconds(long ms) {
    return Math.max(1, (ms + 999) / 1000);
  }

  private static String suffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }
}
