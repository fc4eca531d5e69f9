package dev.storefront.events;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The outbox of client-watchable state changes (stock level, order status, points balance). Each
 * row is written with the transaction that makes the change, so a reader never sees an event for a
 * change that rolled back.
 */
public final class Events {
  private static final String APPEND = SqlFiles.load("events/append.sql");

  private Events() {}

  public static Future<Void> stockChanged(SqlClient tx, long productId, int stock) {
    return append(tx, "stock.changed", null,
        new JsonObject().put("productId", productId).put("stock", stock).put("inStock", stock > 0));
  }

  public static Future<Void> orderStatus(SqlClient tx, long userId, long orderId, String status) {
    return append(tx, "order.status", userId, new JsonObject().put("orderId", orderId).put("status", status));
  }

  public static Future<Void> pointsChanged(SqlClient tx, long userId, int balance) {
    return append(tx, "points.changed", userId, new JsonObject().put("userId", userId).put("points", balance));
  }

  private static Future<Void> append(SqlClient tx, String type, Long userId, JsonObject payload) {
    return tx.preparedQuery(APPEND).execute(Tuple.of(type, userId, payload)).mapEmpty();
  }
}
