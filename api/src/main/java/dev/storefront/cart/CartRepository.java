package dev.storefront.cart;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** A user's server-side cart in PostgreSQL, priced from the current catalog on every read. */
public final class CartRepository {
  /** Distinct products a cart may hold; keeps a checkout transaction small. */
  public static final int MAX_LINES = 50;
  private static final String LINES = SqlFiles.load("cart/cart-lines.sql");
  private static final String LOCK = SqlFiles.load("cart/lock-cart.sql");
  private static final String PUT_ITEM = SqlFiles.load("cart/put-item.sql");
  private static final String INSERT_ITEMS = SqlFiles.load("cart/insert-items.sql");
  private static final String DELETE_ITEM = SqlFiles.load("cart/delete-item.sql");
  private static final String CLEAR = SqlFiles.load("cart/clear.sql");
  private static final String PRODUCT_ON_SALE = SqlFiles.load("cart/product-on-sale.sql");

  private final Pool pool;

  public CartRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<CartLine>> lines(long userId) {
    return lines(pool, userId);
  }

  /** The lines with current prices, stock and availability, ordered by product id. */
  public static Future<List<CartLine>> lines(SqlClient client, long userId) {
    return client.preparedQuery(LINES).execute(Tuple.of(userId)).map(CartRepository::toLines);
  }

  /**
   * The same, read holding the user's cart lock for the rest of the transaction {@code tx}
   * (checkout): a second checkout of the cart waits, then finds it emptied by the first.
   */
  public static Future<List<CartLine>> lockedLines(SqlClient tx, long userId) {
    return lock(tx, userId).compose(v -> lines(tx, userId));
  }

  /** False when nothing was written: no such product on sale, or a new line in a full cart. */
  public Future<Boolean> putItem(long userId, long productId, int quantity) {
    return pool.withTransaction(tx -> lock(tx, userId).compose(v -> tx.preparedQuery(PUT_ITEM)
        .execute(Tuple.of(userId, productId, quantity, MAX_LINES)).map(rows -> rows.rowCount() > 0)));
  }

  public Future<Boolean> productOnSale(long productId) {
    return pool.preparedQuery(PRODUCT_ON_SALE).execute(Tuple.of(productId)).map(rows -> rows.size() > 0);
  }

  /** Replaces the whole cart; the count of lines written tells whether every product exists and is on sale. */
  public Future<Integer> replace(SqlClient tx, long userId, Long[] productIds, Integer[] quantities) {
    return lock(tx, userId).compose(v -> clear(tx, userId)).compose(v -> tx.preparedQuery(INSERT_ITEMS)
        .execute(Tuple.of(userId, productIds, quantities)).map(RowSet::rowCount));
  }

  public Future<Void> removeItem(long userId, long productId) {
    return pool.withTransaction(tx -> lock(tx, userId)
        .compose(v -> tx.preparedQuery(DELETE_ITEM).execute(Tuple.of(userId, productId))).mapEmpty());
  }

  /** Empties the cart, waiting for a checkout of it under way. */
  public Future<Void> clear(long userId) {
    return pool.withTransaction(tx -> lock(tx, userId).compose(v -> clear(tx, userId)));
  }

  /** Empties the cart within {@code tx}, which holds the cart lock ({@link #lockedLines}). */
  public static Future<Void> clear(SqlClient tx, long userId) {
    return tx.preparedQuery(CLEAR).execute(Tuple.of(userId)).mapEmpty();
  }

  /** The user's cart lock, held until {@code tx} ends (lock-cart.sql says why). */
  private static Future<Void> lock(SqlClient tx, long userId) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(userId)).mapEmpty();
  }

  private static List<CartLine> toLines(RowSet<Row> rows) {
    List<CartLine> lines = new ArrayList<>(rows.size());
    for (Row r : rows) {
      lines.add(new CartLine(r.getLong("product_id"), r.getString("sku"), r.getString("name"),
          r.getInteger("quantity"), r.getInteger("price_cents"), r.getString("currency"), r.getInteger("stock"),
          r.getBoolean("active")));
    }
    return lines;
  }
}
