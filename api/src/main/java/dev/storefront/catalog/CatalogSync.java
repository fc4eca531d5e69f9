package dev.storefront.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's in-process view of the catalog in step with PostgreSQL, polling every
 * {@code pollMs} (under a second):
 * <ul>
 *   <li>listing versions, per category and for the whole catalog (key 0): PLP cache keys carry
 *       them, so a bumped version makes old pages unreachable;</li>
 *   <li>product pages are evicted by the product and stock events of the outbox, which this
 *       instance's {@code EventFeed} reads and {@link CatalogEvictions} consumes.</li>
 * </ul>
 * While these polls or the event feed fail for longer than {@link #MAX_LAG_MS}, {@link #inSync()}
 * is false and the caches stop serving from process memory, so staleness stays bounded even when
 * this instance is cut off.
 */
public final class CatalogSync {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);
  static final int WHOLE_CATALOG = 0;
  public static final long MAX_LAG_MS = 1_000;
  private static final long FAILURE_LOG_EVERY_MS = 10_000;

  private final ProductRepository repository;
  private volatile Map<Integer, Long> versions = Map.of();
  private volatile long lastSyncMs;
  private volatile LongSupplier feedLastReadMs = () -> Long.MAX_VALUE;
  private volatile long timerId = -1;
  private volatile boolean stopped;
  private long lastFailureLogMs;

  public CatalogSync(ProductRepository repository) {
    this.repository = repository;
  }

  /** The event feed that evicts product pages: while it lags, process memory is not trusted either. */
  public void followFeed(LongSupplier lastReadMs) {
    this.feedLastReadMs = lastReadMs;
  }

  public Future<Void> start(Vertx vertx, long pollMs) {
    return poll().onSuccess(v -> scheduleNext(vertx, pollMs));
  }

  /** The next poll is armed when this one ends, so a slow database never has two in flight. */
  private void scheduleNext(Vertx vertx, long pollMs) {
    if (stopped) return;
    timerId = vertx.setTimer(pollMs, id -> poll()
        .onComplete(ar -> {
          logOutcome(ar.cause());
          scheduleNext(vertx, pollMs);
        }));
  }

  /** During an outage every poll fails: one line when it starts, then one every 10 s, one when it ends. */
  private void logOutcome(Throwable failure) {
    long now = System.currentTimeMillis();
    if (failure == null) {
      if (lastFailureLogMs > 0) LOG.info("catalog sync recovered");
      lastFailureLogMs = 0;
    } else if (now - lastFailureLogMs >= FAILURE_LOG_EVERY_MS) {
      lastFailureLogMs = now;
      LOG.warn("catalog sync polls failing, {} s behind: {}", Math.round(lagSeconds()), failure.toString());
    }
  }

  public void stop(Vertx vertx) {
    stopped = true;
    if (timerId >= 0) vertx.cancelTimer(timerId);
  }

  public boolean inSync() {
    // Asked on every cache lookup: one clock read for both.
    return System.currentTimeMillis() - Math.min(lastSyncMs, feedLastReadMs.getAsLong()) <= MAX_LAG_MS;
  }

  /** Time since the start of the last successful poll: what this instance may have missed. */
  public double lagSeconds() {
    return (System.currentTimeMillis() - lastSyncMs) / 1000.0;
  }

  Future<Void> poll() {
    long started = System.currentTimeMillis();
    return repository.versions()
        .map(rows -> {
          Map<Integer, Long> next = new HashMap<>();
          for (Row row : rows) next.put(row.getInteger(0), row.getLong(1));
          merge(next);
          // The poll's start, not its end: changes committed while it ran are seen next time.
          lastSyncMs = Math.max(lastSyncMs, started);
          return null;
        });
  }

  /** Takes newer versions only: a poll that started before a write must not roll it back. */
  synchronized void merge(Map<Integer, Long> update) {
    Map<Integer, Long> next = new HashMap<>(versions);
    update.forEach((id, v) -> next.merge(id, v, Math::max));
    versions = Map.copyOf(next);
  }

  /** The version that PLP pages for this category (null = whole catalog) are keyed with. */
  public long versionOf(Integer category) {
    Long v = versions.get(category == null ? WHOLE_CATALOG : category);
    return v != null ? v : versions.getOrDefault(WHOLE_CATALOG, 0L);
  }
}
