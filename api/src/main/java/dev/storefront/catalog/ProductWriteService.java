package dev.storefront.catalog;

import dev.storefront.events.Events;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;

/**
 * Product and stock writes. Each runs in one transaction with its listing-version bump and its
 * event row; after the commit the PDP is evicted (L1 and Redis) and the new versions are applied
 * locally, so the next read here sees the change, and other instances see it when their event
 * feed and {@link CatalogSync} poll pick it up (well under a second). Each answers with the product as operators see it, on sale or not.
 */
public final class ProductWriteService {
  private final Pool pool;
  private final ProductRepository repository;
  private final CatalogSync catalogSync;
  private final CatalogService catalog;
  private final StockChanges stockChanges;

  public ProductWriteService(Pool pool, ProductRepository repository, CatalogSync catalogSync,
      CatalogService catalog, StockChanges stockChanges) {
    this.pool = pool;
    this.repository = repository;
    this.catalogSync = catalogSync;
    this.catalog = catalog;
    this.stockChanges = stockChanges;
  }

  /** Through {@link StockChanges}, like every other stock change. */
  public Future<Buffer> setStock(long id, int stock) {
    StockChanges.Batch batch = stockChanges.batch();
    return pool.withTransaction(tx -> batch.set(tx, id, stock).compose(found -> found
            ? batch.record(tx) : Future.<Void>failedFuture(notFound(id))))
        .compose(v -> batch.published()).compose(v -> adminRead(id));
  }

  /** Every edit bumps the listings: a name, a price or being on sale at all is shown there. */
  public Future<Buffer> update(long id, ProductEdit edit) {
    return changed(id, tx -> repository.update(tx, id, edit));
  }

  /** Fails with a 404 when there is no such product (on sale or not); read before anything is written for it. */
  public Future<Void> requireProduct(long id) {
    return repository.adminById(id).compose(row -> row != null ? Future.<Void>succeededFuture()
        : Future.failedFuture(notFound(id)));
  }

  /** Whether any product points at this image object (an object no product uses can be removed). */
  public Future<Boolean> imageInUse(String imageKey) {
    return repository.imageKeyInUse(imageKey);
  }

  /** A new image is shown on the product page and in listings, so it changes them like an edit. */
  public Future<Buffer> setImage(long id, String imageKey) {
    return changed(id, tx -> repository.setImage(tx, id, imageKey));
  }

  private Future<Buffer> changed(long id, java.util.function.Function<SqlConnection, Future<Row>> write) {
    return pool.withTransaction(tx -> write.apply(tx).compose(row -> {
      if (row == null) return Future.failedFuture(notFound(id));
      return repository.bumpVersions(tx, List.of(row.getInteger("category_id"))).compose(b -> Events.productChanged(tx, id).map(b));
    })).compose(this::afterCommit).compose(v -> catalog.evictProduct(id)).compose(v -> adminRead(id));
  }

  private Future<Void> afterCommit(Map<Integer, Long> bumped) {
    if (!bumped.isEmpty()) catalogSync.merge(bumped);
    return Future.succeededFuture();
  }

  private Future<Buffer> adminRead(long id) {
    return catalog.adminProduct(id).compose(body -> body != null ? Future.succeededFuture(body)
        : Future.failedFuture(notFound(id)));
  }

  private static ProblemException notFound(long id) {
    return ProblemException.notFound("No product with id " + id);
  }
}
