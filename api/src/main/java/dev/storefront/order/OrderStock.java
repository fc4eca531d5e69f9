package dev.storefront.order;

import dev.storefront.catalog.StockChanges;
import dev.storefront.db.SqlFiles;
import dev.storefront.events.Events;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Order status and the stock an order holds, changed inside the caller's transaction. Callers lock
 * the order rows first and the product rows after (through {@link StockChanges}), in that order.
 */
final class OrderStock {
  private static final String HELD = SqlFiles.load("order/held-quantities.sql");
  private static final String SET_HELD = SqlFiles.load("order/set-held.sql");
  private static final String SET_STATUS = SqlFiles.load("order/set-status.sql");
  private static final String RETAKE = SqlFiles.load("order/retake-lines.sql");

  private OrderStock() {}

  /** Puts the units these orders hold back on sale (orders that hold none are skipped). */
  static Future<Void> release(SqlConnection tx, StockChanges.Batch batch, List<Long> orderIds) {
    Long[] ids = orderIds.toArray(new Long[0]);
    return tx.preparedQuery(HELD).execute(Tuple.of((Object) ids)).compose(rows -> {
      SortedMap<Long, Integer> back = new TreeMap<>();
      for (Row r : rows) back.put(r.getLong("product_id"), r.getInteger("quantity"));
      return batch.adjust(tx, back);
    }).compose(shortOf -> tx.preparedQuery(SET_HELD).execute(Tuple.of(ids, false))).mapEmpty();
  }

  /**
   * Takes the order's units again (a payment for an expired reservation), all of them or, when any
   * product is short, none: false then, and no stock changed. One read locks the rows, checks every
   * line and gives the quantities to take.
   */
  static Future<Boolean> retake(SqlConnection tx, StockChanges.Batch batch, long orderId) {
    return tx.preparedQuery(RETAKE).execute(Tuple.of(orderId)).compose(lines -> {
      SortedMap<Long, Integer> take = new TreeMap<>();
      for (Row r : lines) {
        if (!r.getBoolean("enough")) return Future.succeededFuture(false);
        take.put(r.getLong("product_id"), -r.getInteger("quantity"));
      }
      return batch.adjust(tx, take).compose(shortOf -> shortOf != null ? Future.succeededFuture(false)
          : tx.preparedQuery(SET_HELD).execute(Tuple.of(new Long[] {orderId}, true)).map(true));
    });
  }

  static Future<Void> setStatus(SqlConnection tx, long userId, long orderId, String status) {
    return tx.preparedQuery(SET_STATUS).execute(Tuple.of(orderId, status))
        .compose(v -> Events.orderStatus(tx, userId, orderId, status));
  }
}
