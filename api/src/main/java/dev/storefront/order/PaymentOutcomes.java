package dev.storefront.order;

import dev.storefront.catalog.StockChanges;
import dev.storefront.db.Retry;
import dev.storefront.db.SqlFiles;
import dev.storefront.points.Points;
import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Applies a payment provider's event to its order exactly once: the event id is recorded in the
 * transaction that makes the effects, so a duplicate (in sequence or concurrent) finds it and
 * changes nothing. Any order of succeeded / failed / refunded ends in a consistent state.
 */
public final class PaymentOutcomes {
  private static final String RECORD = SqlFiles.load("order/record-payment-event.sql");
  private static final String OUTCOME = SqlFiles.load("order/payment-event-outcome.sql");
  private static final String ORDER = SqlFiles.load("order/order-for-payment.sql");

  public enum Kind { SUCCEEDED, FAILED, REFUNDED, PARTIALLY_REFUNDED }

  private final Pool pool;
  private final StockChanges stock;
  private final Points points;

  public PaymentOutcomes(Pool pool, StockChanges stock, Points points) {
    this.pool = pool;
    this.stock = stock;
    this.points = points;
  }

  /**
   * What happened: "duplicate", "unknown-payment", "no-op", "partially-refunded" or the order's new
   * status.
   */
  public Future<String> apply(String eventId, String type, Kind kind, String paymentReference, String orderIdHint) {
    return Retry.transaction(() -> {
      StockChanges.Batch batch = stock.batch();
      return pool.withTransaction(tx -> tx.preparedQuery(RECORD).execute(Tuple.of(eventId, type)).compose(fresh ->
              fresh.size() == 0 ? Future.succeededFuture("duplicate")
                  : tx.preparedQuery(ORDER).execute(Tuple.of(paymentReference)).compose(rows -> {
                    Row order = OrderRepository.first(rows);
                    if (order == null) return outcome(tx, eventId, null, "unknown-payment");
                    if (orderIdHint != null && !orderIdHint.equals(order.getLong("id").toString())) {
                      return Future.failedFuture(ProblemException.badRequest("metadata.orderId does not match the payment"));
                    }
                    return transition(tx, batch, kind, order)
                        .compose(result -> batch.record(tx).compose(v -> outcome(tx, eventId, order.getLong("id"), result)));
                  })))
          .compose(result -> batch.published().map(result));
    });
  }

  private Future<String> transition(SqlConnection tx, StockChanges.Batch batch, Kind kind, Row order) {
    long id = order.getLong("id");
    long user = order.getLong("user_id");
    String status = order.getString("status");
    switch (kind) {
      case SUCCEEDED:
        if (status.equals("awaiting_payment")) return paid(tx, user, order);
        if (status.equals("cancelled")) {
          // Paid after the reservation lapsed: sell it if the stock is still there, never oversell.
          return OrderStock.retake(tx, batch, id).compose(ok -> ok ? paid(tx, user, order)
              : OrderStock.setStatus(tx, user, id, "refund_required").map("refund_required"));
        }
        return Future.succeededFuture("no-op");
      case FAILED:
        if (!status.equals("awaiting_payment")) return Future.succeededFuture("no-op");
        return OrderStock.setStatus(tx, user, id, "cancelled")
            .compose(v -> OrderStock.release(tx, batch, List.of(id))).map("cancelled");
      case PARTIALLY_REFUNDED:
        // Which lines or how many points a part of the money stands for is the merchant's call: the
        // event is recorded, the sale, its stock and its points stand until a full refund arrives.
        return Future.succeededFuture(status.equals("refunded") ? "no-op" : "partially-refunded");
      default:
        if (status.equals("refunded")) return Future.succeededFuture("no-op");
        // A refund may overtake the payment: either way the stock goes back and the points net to zero.
        return OrderStock.setStatus(tx, user, id, "refunded")
            .compose(v -> OrderStock.release(tx, batch, List.of(id)))
            .compose(v -> points.reverseOrder(tx, user, id)).map("refunded");
    }
  }

  private Future<String> paid(SqlConnection tx, long user, Row order) {
    long id = order.getLong("id");
    return OrderStock.setStatus(tx, user, id, "paid")
        .compose(v -> points.creditOrder(tx, user, id, order.getLong("total_cents"))).map("paid");
  }

  private static Future<String> outcome(SqlConnection tx, String eventId, Long orderId, String result) {
    return tx.preparedQuery(OUTCOME).execute(Tuple.of(eventId, orderId, result)).map(result);
  }
}
