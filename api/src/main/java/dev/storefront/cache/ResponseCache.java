package dev.storefront.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Read-through cache of serialized response bodies (each held in the L1 as a {@link CachedBody}
 * with its entity tag and gzip bytes): in-process L1 (evicted by the catalog change
 * feed, bounded by a TTL and by its weight in bytes, bypassed while that feed lags) then Redis
 * (TTL with jitter) then the loader (PostgreSQL). Loads in flight are shared, so a cold key costs
 * one load per process however many requests ask for it at once; the L1 holds only finished
 * bodies. Redis failures never fail a lookup: they fall through to the loader and are counted as
 * {@code error}. Only Redis keys carry the namespace; the in-process maps (one per cache) take the
 * caller's key as it is, so a hit builds no string.
 */
public final class ResponseCache {
  /** Delay of the second delete that catches a load which read the row before the write committed. */
  static final long SECOND_EVICTION_DELAY_MS = 1_000;
  /** Per-entry bytes besides key and body: map node, future, buffer and string headers (measured ~200). */
  static final int ENTRY_OVERHEAD_BYTES = 256;
  /** The longest a hit goes without recording its read in the L1's policy (a twentieth of the TTL when that is shorter). */
  static final long MAX_READ_RECORD_INTERVAL_MS = 10_000;

  private final Vertx vertx;
  private final String namespace;
  private final RedisStore redis;
  private final CacheMetrics metrics;
  private final long redisTtlMs;
  private final long notFoundTtlMs;
  private final double jitter;
  private final Cache<String, CachedBody> l1;
  private final Policy<String, CachedBody> l1Policy;
  private final long readRecordIntervalNanos;
  private final BooleanSupplier l1Trusted;
  private final LoadLimiter loads;
  private final ConcurrentHashMap<String, Future<CachedBody>> inFlight = new ConcurrentHashMap<>();

  public ResponseCache(Vertx vertx, String namespace, RedisStore redis, CacheMetrics metrics,
      long l1TtlMs, long l1MaxBytes, long redisTtlMs, long notFoundTtlMs, double jitter, BooleanSupplier l1Trusted,
      LoadLimiter loads) {
    this.vertx = vertx;
    this.namespace = namespace;
    this.redis = redis;
    this.metrics = metrics;
    this.redisTtlMs = redisTtlMs;
    this.notFoundTtlMs = notFoundTtlMs;
    this.l1Trusted = l1Trusted;
    this.loads = loads;
    this.jitter = jitter;
    this.l1 = Caffeine.newBuilder()
        // After access, not write: warmed and hot entries must not all fall out together.
        .expireAfterAccess(Duration.ofMillis(l1TtlMs))
        .maximumWeight(Math.max(l1MaxBytes, 1))
        .weigher(ResponseCache::weight)
        .executor(Runnable::run)
        .build();
    this.l1Policy = l1.policy();
    this.readRecordIntervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_READ_RECORD_INTERVAL_MS, l1TtlMs / 20));
    metrics.bindL1Bytes(this, ResponseCache::l1Bytes);
  }

  /** What an entry costs the heap, roughly: key chars (2 bytes each), both bodies, the tag and fixed overhead. */
  static int weight(String key, CachedBody body) {
    return ENTRY_OVERHEAD_BYTES + 2 * key.length() + body.bytes();
  }

  /** The L1's current weight (bytes, per {@link #weight}). */
  public long l1Bytes() {
    return l1.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  /**
   * The cached body for {@code key}, loading its bytes with {@code loader} (and storing them) on a
   * miss. An empty buffer stands for "not found" and is kept for the shorter not-found TTL.
   */
  public Future<CachedBody> get(String key, Supplier<Future<Buffer>> loader) {
    if (!l1Trusted.getAsBoolean()) {
      // This instance cannot currently learn of other instances' writes: serve nothing from
      // process memory, but still let concurrent lookups share one load.
      return coalesced(key, loader);
    }
    CachedBody present = l1Hit(key);
    if (present != null) {
      metrics.l1Hit.increment();
      return Future.succeededFuture(present);
    }
    return coalesced(key, loader);
  }

  /**
   * The L1's entry for {@code key} when there is one and process memory may be trusted; null
   * otherwise, without loading or counting anything (the caller then asks {@link #get}, which counts).
   */
  public CachedBody peek(String key) {
    if (!l1Trusted.getAsBoolean()) return null;
    CachedBody present = l1Hit(key);
    if (present != null) metrics.l1Hit.increment();
    return present;
  }

  /**
   * The L1's entry for {@code key}, or null. Recording a read in Caffeine's policy (the access time
   * expiry reads, the order and frequency eviction weighs) was about a tenth of a cached read's CPU,
   * so a hot entry records one read per interval and its other hits read quietly: it may expire up
   * to an interval (a twentieth of the TTL, at most 10 s) before its last read's TTL is over, and
   * eviction still sees it read in every interval, which is what separates it from the cold
   * entries eviction chooses among.
   */
  private CachedBody l1Hit(String key) {
    CachedBody present = l1Policy.getIfPresentQuietly(key);
    if (present != null && present.readRecordDue(System.nanoTime(), readRecordIntervalNanos)) l1.getIfPresent(key);
    return present;
  }

  private Future<CachedBody> coalesced(String key, Supplier<Future<Buffer>> loader) {
    Promise<CachedBody> mine = Promise.promise();
    Future<CachedBody> running = inFlight.putIfAbsent(key, mine.future());
    if (running != null) {
      metrics.coalescedHit.increment();
      return onCallerContext(running);
    }
    loadThrough(key, loader).onComplete(ar -> {
      // Not in the map any more means evicted while loading: the body may predate the write.
      boolean current = inFlight.remove(key, mine.future());
      if (current && ar.succeeded() && l1Trusted.getAsBoolean()) l1.put(key, ar.result());
      mine.handle(ar);
    });
    return onCallerContext(mine.future());
  }

  /**
   * Stores bodies that were read in bulk, as their loads would have (L1 and Redis, TTL with
   * jitter): warming a cold instance. A Redis failure leaves them in L1 only.
   */
  public Future<Void> putAll(Map<String, Buffer> bodies) {
    List<Request> sets = new ArrayList<>(bodies.size());
    bodies.forEach((key, bytes) -> {
      l1.put(key, CachedBody.of(bytes));
      sets.add(RedisStore.setRequest(namespace + key, bytes, withJitter(bytes.length() == 0 ? notFoundTtlMs : redisTtlMs)));
    });
    return redis.batch(sets).otherwiseEmpty();
  }

  /** Evicts from this process's L1 and from Redis, then once more a moment later. */
  public Future<Void> evict(String key) {
    vertx.setTimer(SECOND_EVICTION_DELAY_MS, id -> evictNow(key));
    return evictNow(key);
  }

  /** Evicts from this process's L1 only (another instance already cleared Redis). */
  public void evictLocal(String key) {
    inFlight.remove(key);
    l1.invalidate(key);
  }

  private Future<Void> evictNow(String key) {
    evictLocal(key);
    // A failed delete is bounded by the Redis TTL; it must not fail the write that triggered it.
    return redis.delete(namespace + key).otherwiseEmpty();
  }

  private Future<CachedBody> loadThrough(String key, Supplier<Future<Buffer>> loader) {
    String fullKey = namespace + key;
    return redis.get(fullKey)
        .<Buffer>transform(ar -> {
          if (ar.succeeded() && ar.result() != null) {
            metrics.redisHit.increment();
            return Future.succeededFuture(ar.result());
          }
          (ar.succeeded() ? metrics.miss : metrics.error).increment();
          return timedLoad(loader).onSuccess(bytes -> {
            if (ar.succeeded()) redis.set(fullKey, bytes, withJitter(bytes.length() == 0 ? notFoundTtlMs : redisTtlMs));
          });
        })
        .map(bytes -> entry(key, bytes));
  }

  /**
   * The entry for bytes just read. Building one costs a SHA-256 and a gzip, once per entry while
   * the L1 is trusted; while it is bypassed, every lookup reads Redis again. An entry the L1
   * still holds with exactly these bytes has the right tag and gzip bytes already: reused after
   * a byte comparison, and never taken on trust (nor counted as a read of it).
   */
  private CachedBody entry(String key, Buffer bytes) {
    CachedBody held = l1.policy().getIfPresentQuietly(key);
    return held != null && held.plain().equals(bytes) ? held : CachedBody.of(bytes);
  }

  private Future<Buffer> timedLoad(Supplier<Future<Buffer>> loader) {
    long start = System.nanoTime();
    return loads.run(loader).andThen(ar -> metrics.load.record(Duration.ofNanos(System.nanoTime() - start)));
  }

  private long withJitter(long ttlMs) {
    double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
    return Math.max(1, Math.round(ttlMs * factor));
  }

  /** A load shared across event loops completes on the loader's thread; each waiter resumes on its own. */
  private static Future<CachedBody> onCallerContext(Future<CachedBody> value) {
    Context context = Vertx.currentContext();
    return context == null ? value : Future.fromCompletionStage(value.toCompletionStage(), context);
  }
}
