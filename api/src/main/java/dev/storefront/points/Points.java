package dev.storefront.points;

import dev.storefront.db.SqlFiles;
import dev.storefront.events.Events;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.format.DateTimeFormatter;

/**
 * Loyalty points: an append-only ledger and a running balance, changed only in the transaction of
 * the payment event that earns or reverses them. The ledger allows one credit and one reversal per
 * order, so even a second application of the same effect could not count twice.
 */
public final class Points {
  private static final String CREDIT = SqlFiles.load("points/credit.sql");
  private static final String ADD = SqlFiles.load("points/add-to-balance.sql");
  private static final String CREDITED = SqlFiles.load("points/credited-for-order.sql");
  private static final String SUMMARY = SqlFiles.load("points/summary.sql");
  private static final String LEDGER = SqlFiles.load("points/ledger.sql");

  private final Pool pool;
  private final int perCurrencyUnit;

  public Points(Pool pool, int perCurrencyUnit) {
    this.pool = pool;
    this.perCurrencyUnit = perCurrencyUnit;
  }

  /** Credits an order's points (earn rate per whole currency unit of its total). */
  public Future<Void> creditOrder(SqlClient tx, long userId, long orderId, long totalCents) {
    long points = Math.multiplyExact(totalCents / 100, (long) perCurrencyUnit);
    return append(tx, userId, orderId, points, "order_paid");
  }

  /** Reverses exactly what the order earned, if it earned anything. */
  public Future<Void> reverseOrder(SqlClient tx, long userId, long orderId) {
    return tx.preparedQuery(CREDITED).execute(Tuple.of(orderId)).compose(rows -> rows.size() == 0
        ? Future.succeededFuture()
        : append(tx, userId, orderId, -rows.iterator().next().getLong("points"), "order_refunded"));
  }

  private Future<Void> append(SqlClient tx, long userId, long orderId, long points, String reason) {
    return tx.preparedQuery(CREDIT).execute(Tuple.of(userId, orderId, points, reason)).compose(rows ->
        rows.size() == 0 ? Future.succeededFuture()
            : tx.preparedQuery(ADD).execute(Tuple.of(userId, points))
                .compose(b -> Events.pointsChanged(tx, userId, b.iterator().next().getLong("points"))));
  }

  /** Adds {@code points} and {@code badge} (with the next badge and the points to it) to a profile. */
  public Future<JsonObject> addTo(JsonObject profile, long userId) {
    return pool.preparedQuery(SUMMARY).execute(Tuple.of(userId)).map(rows -> {
      Row r = rows.iterator().next();
      long points = r.getLong("points");
      JsonObject badge = new JsonObject().put("name", r.getString("badge")).put("minPoints", r.getInteger("badge_min"));
      String next = r.getString("next_badge");
      badge.put("next", next == null ? null : new JsonObject().put("name", next)
          .put("minPoints", r.getInteger("next_min")).put("pointsToGo", r.getInteger("next_min") - points));
      return profile.put("points", points).put("badge", badge);
    });
  }

  public Future<JsonObject> ledger(long userId, long before, int limit) {
    return pool.preparedQuery(LEDGER).execute(Tuple.of(userId, before, limit)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row r : rows) {
        items.add(new JsonObject().put("id", r.getLong("id")).put("points", r.getLong("points"))
            .put("reason", r.getString("reason")).put("orderId", r.getLong("order_id"))
            .put("createdAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.getOffsetDateTime("created_at"))));
      }
      return new JsonObject().put("items", items);
    });
  }
}
