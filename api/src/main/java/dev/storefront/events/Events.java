package dev.storefront.events;

import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The outbox: every change other instances or clients must learn of is an event row written in
 * the transaction that makes the change, after it, so a rolled-back change emits nothing and
 * {@link EventFeed} reads each committed event exactly once, in id order.
 */
public final class Events {
  public static final String STOCK = "stock.changed";
  public static final String PRODUCT = "product.changed";
  public static final String ORDER = "order.status";
  public static final String POINTS = "points.changed";
  public static final String SESSION_REVOKED = "session.revoked";
  private static final String APPEND = SqlFiles.load("events/append.sql");

  private Events() {}

  public static Future<Void> stockChanged(SqlClient tx, long productId, int stock) {
    return append(tx, STOCK, productId, null,
        new JsonObject().put("productId", productId).put("stock", stock).put("inStock", stock > 0));
  }

  /** Anything a product page or listing shows besides stock: name, price, on sale or not. */
  public static Future<Void> productChanged(SqlClient tx, long productId) {
    return append(tx, PRODUCT, productId, null, new JsonObject().put("productId", productId));
  }

  public static Future<Void> orderStatus(SqlClient tx, long userId, long orderId, String status) {
    return append(tx, ORDER, null, userId, new JsonObject().put("orderId", orderId).put("status", status));
  }

  public static Future<Void> pointsChanged(SqlClient tx, long userId, long balance) {
    return append(tx, POINTS, null, userId, new JsonObject().put("userId", userId).put("points", balance));
  }

  /** A sign-in (refresh-token family) ended by logout or reuse: its open streams end too. */
  public static Future<Void> sessionRevoked(SqlClient tx, long userId, UUID session) {
    return append(tx, SESSION_REVOKED, null, userId, new JsonObject().put("sid", session.toString()));
  }

  private static Future<Void> append(SqlClient tx, String type, Long productId, Long userId, JsonObject payload) {
    return tx.preparedQuery(APPEND).execute(Tuple.of(type, productId, userId, payload)).mapEmpty();
  }
}
