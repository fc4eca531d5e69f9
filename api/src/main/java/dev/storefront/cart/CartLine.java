package dev.storefront.cart;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One product in a cart at its current price; {@code available} is false once it is withdrawn from sale. */
public record CartLine(long productId, String sku, String name, int quantity, int unitPriceCents, String currency,
    int stock, boolean available) {

  public long lineTotalCents() {
    return (long) quantity * unitPriceCents;
  }

  public static long totalCents(List<CartLine> lines) {
    return lines.stream().mapToLong(CartLine::lineTotalCents).sum();
  }

  static JsonObject cartJson(List<CartLine> lines) {
    JsonArray items = new JsonArray();
    for (CartLine l : lines) {
      items.add(new JsonObject().put("productId", l.productId).put("sku", l.sku).put("name", l.name)
          .put("quantity", l.quantity).put("unitPriceCents", l.unitPriceCents)
          .put("lineTotalCents", l.lineTotalCents()).put("currency", l.currency).put("inStock", l.stock > 0)
          .put("available", l.available));
    }
    return new JsonObject().put("items", items)
        .put("currency", lines.isEmpty() ? null : lines.get(0).currency)
        .put("totalCents", totalCents(lines));
  }
}
