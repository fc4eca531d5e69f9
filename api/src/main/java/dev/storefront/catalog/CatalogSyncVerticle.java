package dev.storefront.catalog;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Runs the change feed on a worker context of its own. On the event loops its timers and replies
 * queue behind request traffic: a saturated instance then sees its feed lag past the staleness
 * bound, stops trusting its L1 and sends every read to Redis and the database, which is exactly
 * when it can least afford them. On its own thread the feed keeps its pace while the CPU is shared.
 */
public final class CatalogSyncVerticle extends VerticleBase {
  private final CatalogSync sync;
  private final long pollMs;

  public CatalogSyncVerticle(CatalogSync sync, long pollMs) {
    this.sync = sync;
    this.pollMs = pollMs;
  }

  @Override
  public Future<?> start() {
    return sync.start(vertx, pollMs);
  }

  @Override
  public Future<?> stop() {
    sync.stop(vertx);
    return Future.succeededFuture();
  }
}
