package dev.storefront.security;

import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
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

  // KEYS: the windows; ARGV: window ms, event id, then one limit per key. The event is recorded in
  // every window or in none: a request one window refuses must not use up another's budget.
  private static final String HIT = """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local window = tonumber(ARGV[1])
      local counts, verdicts, allowed = {}, {}, 1
      for i, key in ipairs(KEYS) do
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        counts[i] = redis.call('ZCARD', key)
        verdicts[i] = 1
        if counts[i] >= tonumber(ARGV[i + 2]) then
          verdicts[i] = 0
          allowed = 0
        end
      end
      local result = {}
      for i, key in ipairs(KEYS) do
        if allowed == 1 then
          redis.call('ZADD', key, now, now .. '-' .. ARGV[2])
          redis.call('PEXPIRE', key, window)
          counts[i] = counts[i] + 1
        end
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
        local reset = 0
        if oldest[2] then reset = tonumber(oldest[2]) + window - now end
        table.insert(result, verdicts[i])
        table.insert(result, counts[i])
        table.insert(result, reset)
      end
      return result
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
    return hitAll(List.of(key), windowMs, List.of(limit)).map(windows -> windows.get(0));
  }

  /**
   * Records one event in every window, atomically, if each holds fewer than its limit, else in none.
   * Returns each window as it stands afterwards, {@code allowed} being that window's own verdict;
   * the event counted only if all of them allowed it. The keys must share one hash slot.
   */
  public Future<List<Window>> hitAll(List<String> keys, long windowMs, List<Long> limits) {
    String[] args = new String[2 + limits.size()];
    args[0] = Long.toString(windowMs);
    args[1] = suffix();
    for (int i = 0; i < limits.size(); i++) args[i + 2] = Long.toString(limits.get(i));
    return eval(HIT, keys, args).map(r -> {
      List<Window> windows = new ArrayList<>(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        long limit = limits.get(i);
        long count = r.get(3 * i + 1).toLong();
        windows.add(new Window(r.get(3 * i).toInteger() == 1, limit, count, Math.max(0, limit - count),
            seconds(r.get(3 * i + 2).toLong())));
      }
      return windows;
    });
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
