package dev.storefront.cache;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis as a byte store for cached responses. Every call has a short timeout and goes through the
 * circuit breaker, so a slow or absent Redis costs at most one timeout per breaker period.
 */
public final class RedisStore {
  /** The failure of a call the breaker did not even send. */
  public static final class Unavailable extends RuntimeException {
    Unavailable() {
      super("redis circuit open", null, false, false);
    }
  }

  private final Redis redis;
  private final CircuitBreaker breaker;
  private final long timeoutMs;

  public RedisStore(Redis redis, CircuitBreaker breaker, long timeoutMs) {
    this.redis = redis;
    this.breaker = breaker;
    this.timeoutMs = timeoutMs;
  }

  /** The stored bytes, or null when the key is absent. */
  public Future<Buffer> get(String key) {
    return send(Request.cmd(Command.GET).arg(key)).map(r -> r == null ? null : r.toBuffer());
  }

  public Future<Void> set(String key, Buffer value, long ttlMs) {
    return send(setRequest(key, value, ttlMs)).mapEmpty();
  }

  /**
   * Sends these commands in one pipeline with one longer timeout, outside the breaker: bulk writes
   * (warming) are not on a request's path, and a slow first connection must not open the breaker.
   */
  public Future<Void> batch(List<Request> requests) {
    if (requests.isEmpty()) return Future.succeededFuture();
    return redis.batch(requests).timeout(Math.max(timeoutMs * 10, 2_000), TimeUnit.MILLISECONDS).mapEmpty();
  }

  static Request setRequest(String key, Buffer value, long ttlMs) {
    return Request.cmd(Command.SET).arg(key).arg(value).arg("PX").arg(ttlMs);
  }

  public Future<Void> delete(String key) {
    return send(Request.cmd(Command.DEL).arg(key)).mapEmpty();
  }

  public Future<Response> ping() {
    return send(Request.cmd(Command.PING));
  }

  public boolean circuitOpen() {
    return breaker.isOpen();
  }

  private Future<Response> send(Request request) {
    if (!breaker.allowRequest()) return Future.failedFuture(new Unavailable());
    return redis.send(request)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(ar -> {
          if (ar.succeeded()) breaker.onSuccess(); else breaker.onFailure();
        });
  }
}
