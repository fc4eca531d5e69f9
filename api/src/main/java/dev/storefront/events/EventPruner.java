package dev.storefront.events;

import dev.storefront.db.SqlFiles;
import dev.storefront.web.Feature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes events older than the retention, a bounded batch at a time, and records the highest id
 * deleted so a stream resuming from before it is told to refetch. Idempotent: every pod runs it.
 */
public final class EventPruner implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(EventPruner.class);
  private static final String PRUNE = SqlFiles.load("events/prune.sql");
  private static final int BATCH = 10_000;

  private final Vertx vertx;
  private final Pool pool;
  private final long retentionSeconds;
  private final long everyMs;
  private long timerId = -1;

  public EventPruner(Vertx vertx, Pool pool, long retentionSeconds, long everyMs) {
    this.vertx = vertx;
    this.pool = pool;
    this.retentionSeconds = retentionSeconds;
    this.everyMs = everyMs;
  }

  @Override
  public void bind(RouterBuilder builder) {}

  @Override
  public Future<Void> start() {
    timerId = vertx.setPeriodic(everyMs, id -> prune()
        .onFailure(e -> LOG.warn("event pruning failed: {}", e.toString())));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    vertx.cancelTimer(timerId);
    return Future.succeededFuture();
  }

  /** Deletes one batch of expired events; returns how many. */
  public Future<Long> prune() {
    return pool.preparedQuery(PRUNE).execute(Tuple.of(retentionSeconds, BATCH))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
  }
}
