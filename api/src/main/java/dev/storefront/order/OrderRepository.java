package dev.storefront.order;

import dev.storefront.cart.CartLine;
import dev.storefront.db.SqlFiles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Orders and their lines. Every value is a bound parameter; the WHERE clauses are fixed text. */
public final class OrderRepository {
  private static final String COLUMNS = SqlFiles.load("order/order-columns.sql");
  private static final String BY_ID = COLUMNS + " WHERE o.id = $1";
  private static final String OF_USER = COLUMNS + " WHERE o.id = $1 AND o.user_id = $2";
  private static final String LIST_OF_USER = COLUMNS + " WHERE o.user_id = $1 AND o.id < $2 ORDER BY o.id DESC LIMIT $3";
  private static final String LIST_ALL = COLUMNS + " WHERE o.id < $1 ORDER BY o.id DESC LIMIT $2";
  private static final String LIST_BY_STATUS =
      COLUMNS + " WHERE o.status = $3 AND o.id < $1 ORDER BY o.id DESC LIMIT $2";
  private static final String INSERT = SqlFiles.load("order/insert-order.sql");
  private static final String INSERT_ITEMS = SqlFiles.load("order/insert-items.sql");

  private OrderRepository() {}

  public static Future<Row> byId(SqlClient client, long orderId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(orderId)).map(OrderRepository::first);
  }

  /** The order if it is this user's; another user's order is indistinguishable from none. */
  public static Future<Row> ofUser(SqlClient client, long orderId, long userId) {
    return client.preparedQuery(OF_USER).execute(Tuple.of(orderId, userId)).map(OrderRepository::first);
  }

  public static Future<RowSet<Row>> listOfUser(SqlClient client, long userId, long before, int limit) {
    return client.preparedQuery(LIST_OF_USER).execute(Tuple.of(userId, before, limit));
  }

  public static Future<RowSet<Row>> list(SqlClient client, String status, long before, int limit) {
    return status == null ? client.preparedQuery(LIST_ALL).execute(Tuple.of(before, limit))
        : client.preparedQuery(LIST_BY_STATUS).execute(Tuple.of(before, limit, status));
  }

  public static Future<Long> insert(SqlClient tx, long userId, String currency, long totalCents, JsonObject address,
      String paymentReference, int reservationMinutes) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(userId, currency, totalCents, address, paymentReference, reservationMinutes))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public static Future<Void> insertItems(SqlClient tx, long orderId, List<CartLine> lines) {
    int n = lines.size();
    Long[] ids = new Long[n];
    String[] names = new String[n];
    Integer[] quantities = new Integer[n];
    Integer[] prices = new Integer[n];
    for (int i = 0; i < n; i++) {
      CartLine l = lines.get(i);
      ids[i] = l.productId();
      names[i] = l.name();
      quantities[i] = l.quantity();
      prices[i] = l.unitPriceCents();
    }
    return tx.preparedQuery(INSERT_ITEMS).execute(Tuple.of(orderId, ids, names, quantities, prices)).mapEmpty();
  }

  static Row first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? it.next() : null;
  }
}
