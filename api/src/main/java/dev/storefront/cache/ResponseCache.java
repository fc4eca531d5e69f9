package dev.storefront.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Read-through cache of serialized response bodies: in-process L1 (evicted by the catalog change
 * feed, bounded by a TTL, bypassed while that feed lags) then Redis
 * (TTL with jitter) then the loader (PostgreSQL). The L1 map holds the in-flight load too, so a
 * cold key costs one load per process however many requests ask for it at once. Redis failures
 * never fail a lookup: they fall through to the loader and are counted as {@code error}.
 */
public final class ResponseCache {
  /** Delay of the second delete that catches a load which read the row before the write committed. */
  static final long SECOND_EVICTION_DELAY_MS = 1_000;

  private final Vertx vertx;
  private final String namespace;
  private final RedisStore redis;
  private final CacheMetrics metrics;
  private final long redisTtlMs;
  private final long notFoundTtlMs;
  private final double jitter;
  private final AsyncCache<String, Buffer> l1;
  private final BooleanSupplier l1Trusted;
  private final ConcurrentHashMap<String, Future<Buffer>> inFlight = new ConcurrentHashMap<>();

  public ResponseCache(Vertx vertx, String namespace, RedisStore redis, CacheMetrics metrics,
      long l1TtlMs, int l1MaxEntries, long redisTtlMs, long notFoundTtlMs, double jitter, BooleanSupplier l1Trusted) {
    this.vertx = vertx;
    this.namespace = namespace;
    this.redis = redis;
    this.metrics = metrics;
    this.redisTtlMs = redisTtlMs;
    this.notFoundTtlMs = notFoundTtlMs;
    this.l1Trusted = l1Trusted;
    this.jitter = jitter;
    this.l1 = Caffeine.newBuilder()
        .expireAfterWrite(Duration.ofMillis(l1TtlMs))
        .maximumSize(Math.max(l1MaxEntries, 1))
        .executor(Runnable::run)
        .buildAsync();
  }

  /**
   * Cached bytes for {@code key}, loading them with {@code loader} (and storing them) on a miss.
   * An empty buffer stands for "not found" and is kept for the shorter not-found TTL.
   */
  public Future<Buffer> get(String key, Supplier<Future<Buffer>> loader) {
    String fullKey = namespace + key;
    if (!l1Trusted.getAsBoolean()) {
      // This instance cannot currently learn of other instances' writes: serve nothing from
      // process memory, but still let concurrent lookups share one load.
      return coalesced(fullKey, loader);
    }
    CompletableFuture<Buffer> present = l1.getIfPresent(fullKey);
    if (present != null) {
      if (present.isDone() && !present.isCompletedExceptionally()) {
        metrics.l1Hit.increment();
        return Future.succeededFuture(present.getNow(null));
      }
      metrics.coalescedHit.increment();
      return onCallerContext(present);
    }
    boolean[] started = {false};
    CompletableFuture<Buffer> value = l1.get(fullKey, (k, executor) -> {
      started[0] = true;
      return loadThrough(k, loader).toCompletionStage().toCompletableFuture();
    });
    if (!started[0]) metrics.coalescedHit.increment();
    return onCallerContext(value);
  }

  private Future<Buffer> coalesced(String fullKey, Supplier<Future<Buffer>> loader) {
    Promise<Buffer> mine = Promise.promise();
    Future<Buffer> running = inFlight.putIfAbsent(fullKey, mine.future());
    if (running != null) {
      metrics.coalescedHit.increment();
      return running;
    }
    loadThrough(fullKey, loader).onComplete(ar -> {
      inFlight.remove(fullKey, mine.future());
      mine.handle(ar);
    });
    return mine.future();
  }

  /** Evicts from this process's L1 and from Redis, then once more a moment later. */
  public Future<Void> evict(String key) {
    String fullKey = namespace + key;
    vertx.setTimer(SECOND_EVICTION_DELAY_MS, id -> evictNow(fullKey));
    return evictNow(fullKey);
  }

  /** Evicts from this process's L1 only (another instance already cleared Redis). */
  public void evictLocal(String key) {
    l1.synchronous().invalidate(namespace + key);
  }

  private Future<Void> evictNow(String fullKey) {
    l1.synchronous().invalidate(fullKey);
    // A failed delete is bounded by the Redis TTL; it must not fail the write that triggered it.
    return redis.delete(fullKey).otherwiseEmpty();
  }

  private Future<Buffer> loadThrough(String fullKey, Supplier<Future<Buffer>> loader) {
    return redis.get(fullKey)
        .transform(ar -> {
          if (ar.succeeded() && ar.result() != null) {
            metrics.redisHit.increment();
            return Future.succeededFuture(ar.result());
          }
          (ar.succeeded() ? metrics.miss : metrics.error).increment();
          return timedLoad(loader).onSuccess(bytes -> {
            if (ar.succeeded()) redis.set(fullKey, bytes, withJitter(bytes.length() == 0 ? notFoundTtlMs : redisTtlMs));
          });
        });
  }

  private Future<Buffer> timedLoad(Supplier<Future<Buffer>> loader) {
    long start = System.nanoTime();
    return loader.get().andThen(ar -> metrics.load.record(Duration.ofNanos(System.nanoTime() - start)));
  }

  private long withJitter(long ttlMs) {
    double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
    return Math.max(1, Math.round(ttlMs * factor));
  }

  private static Future<Buffer> onCallerContext(CompletableFuture<Buffer> value) {
    Context context = Vertx.currentContext();
    return context == null ? Future.fromCompletionStage(value) : Future.fromCompletionStage(value, context);
  }
}
