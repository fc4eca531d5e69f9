package dev.storefront.order;

import dev.storefront.catalog.StockChanges;
import dev.storefront.db.Retry;
import dev.storefront.db.SqlFiles;
import dev.storefront.web.Feature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels orders whose reservation expired unpaid and puts their stock back on sale, a batch per
 * transaction, on every instance at once (the orders are claimed with SKIP LOCKED). Also forgets
 * idempotency keys older than a day.
 */
public final class ReservationSweeper implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(ReservationSweeper.class);
  private static final String EXPIRED = SqlFiles.load("order/expired-for-update.sql");
  private static final int BATCH = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final StockChanges stock;
  private final long intervalMs;
  private long timer = -1;
  private boolean running;

  public ReservationSweeper(Vertx vertx, Pool pool, StockChanges stock, long intervalMs) {
    this.vertx = vertx;
    this.pool = pool;
    this.stock = stock;
    this.intervalMs = intervalMs;
  }

  @Override
  public void bind(RouterBuilder builder) {
    // no operations: it only runs beside them
  }

  @Override
  public Future<Void> start() {
    timer = vertx.setPeriodic(intervalMs, id -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void tick() {
    if (running) return; // the previous sweep is still going
    running = true;
    sweep().compose(n -> IdempotencyKeys.prune(pool))
        .onFailure(e -> LOG.warn("reservation sweep failed: {}", e.toString()))
        .onComplete(ar -> running = false);
  }

  /** Sweeps until no expired reservation is left; returns how many orders it cancelled. */
  public Future<Integer> sweep() {
    return sweepBatch().compose(n -> n < BATCH ? Future.succeededFuture(n) : sweep().map(m -> n + m));
  }

  private Future<Integer> sweepBatch() {
    return Retry.transaction(() -> {
      StockChanges.Batch batch = stock.batch();
      return pool.withTransaction(tx -> tx.preparedQuery(EXPIRED).execute(Tuple.of(BATCH)).compose(rows -> {
        List<Long> ids = new ArrayList<>();
        Future<Void> statuses = Future.succeededFuture();
        for (Row r : rows) {
          ids.add(r.getLong("id"));
          statuses = statuses.compose(v -> OrderStock.setStatus(tx, r.getLong("user_id"), r.getLong("id"), "cancelled"));
        }
        if (ids.isEmpty()) return Future.succeededFuture(0);
        return statuses.compose(v -> OrderStock.release(tx, batch, ids)).compose(v -> batch.record(tx)).map(ids.size());
      })).compose(n -> batch.published().map(n));
    });
  }
}
