package dev.storefront.catalog;

import dev.storefront.db.SqlFiles;
import dev.storefront.events.Events;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one way stock levels change (admin writes, checkout, expiry, payment and refund): inside the
 * caller's transaction, last, {@link Batch#record} bumps the listing versions of the categories
 * where availability crossed zero and writes one stock event per product with its final level (the
 * outbox every instance and stream reads); after the commit {@link Batch#published()} applies the
 * versions here and evicts the product pages.
 */
public final class StockChanges {
  private static final String ADJUST = SqlFiles.load("catalog/adjust-stock.sql");
  private static final String SET = SqlFiles.load("catalog/set-stock.sql");

  private final ProductRepository repository;
  private final CatalogSync catalogSync;
  private final CatalogService catalog;

  public StockChanges(ProductRepository repository, CatalogSync catalogSync, CatalogService catalog) {
    this.repository = repository;
    this.catalogSync = catalogSync;
    this.catalog = catalog;
  }

  /** The changes of one transaction. */
  public Batch batch() {
    return new Batch();
  }

  public final class Batch {
    private final Map<Integer, Long> bumped = new HashMap<>();
    private final TreeMap<Long, Integer> changed = new TreeMap<>();
    /** Categories whose listings a change made stale; their versions are bumped by {@link #record}. */
    private final TreeSet<Integer> stale = new TreeSet<>();

    /** Sets a level; false when there is no such product. */
    public Future<Boolean> set(SqlConnection tx, long productId, int level) {
      return tx.preparedQuery(SET).execute(Tuple.of(productId, level)).compose(rows -> applied(tx, productId, rows));
    }

    /**
     * Adds each delta (negative takes stock) in ascending product id, the lock order of every
     * writer, so two transactions over the same products never wait on each other in a cycle.
     * Returns the first product that has too little stock (nothing is taken from it), or null.
     */
    public Future<Long> adjust(SqlConnection tx, SortedMap<Long, Integer> deltas) {
      Future<Long> chain = Future.succeededFuture(null);
      for (Map.Entry<Long, Integer> d : deltas.entrySet()) {
        chain = chain.compose(short_ -> short_ != null ? Future.succeededFuture(short_)
            : tx.preparedQuery(ADJUST).execute(Tuple.of(d.getKey(), d.getValue()))
                .compose(rows -> applied(tx, d.getKey(), rows))
                .map(ok -> ok ? null : d.getKey()));
      }
      return chain;
    }

    private Future<Boolean> applied(SqlConnection tx, long productId, RowSet<Row> rows) {
      if (!rows.iterator().hasNext()) return Future.succeededFuture(false);
      Row row = rows.iterator().next();
      int stock = row.getInteger("stock");
      changed.put(productId, stock);
      // Listings only show in/out of stock, so only a change across zero makes them stale.
      if ((row.getInteger("old_stock") > 0) != (stock > 0)) stale.add(row.getInteger("category_id"));
      return Future.succeededFuture(true);
    }

    /**
     * The listing versions of the categories a change made stale, then the stock events; call it
     * last in the transaction, after every product row is locked: bumping versions in the middle
     * held the catalog's version row while waiting for the next product, and two checkouts could
     * each wait for what the other held. Last, the events' time is also near the commit.
     */
    public Future<Void> record(SqlConnection tx) {
      Future<Void> chain = stale.isEmpty() ? Future.succeededFuture()
          : repository.bumpVersions(tx, stale).map(versions -> {
            versions.forEach((category, version) -> bumped.merge(category, version, Math::max));
            return null;
          });
      for (Map.Entry<Long, Integer> c : changed.entrySet()) {
        chain = chain.compose(v -> Events.stockChanged(tx, c.getKey(), c.getValue()));
      }
      return chain;
    }

    /** After the commit: this instance sees the change at once, others within one sync poll. */
    public Future<Void> published() {
      if (!bumped.isEmpty()) catalogSync.merge(bumped);
      List<Future<Void>> evictions = new ArrayList<>();
      for (long id : changed.keySet()) evictions.add(catalog.evictProduct(id));
      return Future.all(evictions).mapEmpty();
    }
  }
}
