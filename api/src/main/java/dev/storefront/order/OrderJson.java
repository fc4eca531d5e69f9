package dev.storefront.order;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.format.DateTimeFormatter;

/** The client-facing shape of an order (totals in cents). */
final class OrderJson {
  private OrderJson() {}

  static JsonObject of(Row row) {
    Object items = row.getValue("items");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("status", row.getString("status"))
        .put("currency", row.getString("currency"))
        .put("items", items instanceof JsonArray a ? a : new JsonArray())
        .put("totalCents", row.getLong("total_cents"))
        .put("shippingAddress", row.getValue("shipping_address"))
        .put("payment", new JsonObject().put("reference", row.getString("payment_reference")))
        .put("reservationExpiresAt", time(row, "reservation_expires_at"))
        .put("createdAt", time(row, "created_at"))
        .put("updatedAt", time(row, "updated_at"));
  }

  static JsonObject page(RowSet<Row> rows) {
    JsonArray items = new JsonArray();
    for (Row r : rows) items.add(of(r));
    return new JsonObject().put("items", items);
  }

  private static String time(Row row, String column) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.getOffsetDateTime(column));
  }
}
