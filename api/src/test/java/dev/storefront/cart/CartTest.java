package dev.storefront.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Shoppers;
import dev.storefront.support.Shoppers.Shopper;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CartTest {
  static TestApp t;
  static Shoppers shoppers;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("cart");
    shoppers = new Shoppers(t);
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
  }

  private static JsonObject quantity(int n) {
    return new JsonObject().put("quantity", n);
  }

  @Test
  void theCartListsLinesWithUnitPriceLineTotalAndTotalFromTheCatalog() {
    Shopper a = shoppers.one();
    long price3 = sql.scalar("SELECT price_cents FROM products WHERE id = 3");
    long price5 = sql.scalar("SELECT price_cents FROM products WHERE id = 5");
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/5", quantity(1)).statusCode()).isEqualTo(200);
    JsonObject cart = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/3", quantity(2)).bodyAsJsonObject();
    JsonArray items = cart.getJsonArray("items");
    assertThat(items.size()).isEqualTo(2);
    JsonObject first = items.getJsonObject(0);
    assertThat(first.getLong("productId")).isEqualTo(3);
    assertThat(first.getInteger("quantity")).isEqualTo(2);
    assertThat(first.getLong("unitPriceCents")).isEqualTo(price3);
    assertThat(first.getLong("lineTotalCents")).isEqualTo(2 * price3);
    assertThat(cart.getLong("totalCents")).isEqualTo(2 * price3 + price5);

    JsonObject updated = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/3", quantity(1)).bodyAsJsonObject();
    assertThat(updated.getLong("totalCents")).isEqualTo(price3 + price5);
    JsonObject removed = shoppers.send(a, HttpMethod.DELETE, "/api/v1/cart/items/5", null).bodyAsJsonObject();
    assertThat(removed.getJsonArray("items").size()).isEqualTo(1);
    assertThat(shoppers.send(a, HttpMethod.DELETE, "/api/v1/cart", null).statusCode()).isEqualTo(204);
    assertThat(shoppers.get(a, "/api/v1/cart").bodyAsJsonObject().getLong("totalCents")).isZero();
  }

  @Test
  void quantitiesAreBoundedAndUnknownProductsRefused() {
    Shopper a = shoppers.one();
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/3", quantity(0)).statusCode()).isEqualTo(400);
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/3", quantity(100)).statusCode()).isEqualTo(400);
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/3",
        quantity(1).put("unitPriceCents", 1)).statusCode()).isEqualTo(400);
    var unknown = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/999999", quantity(1));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unknown-product");
    var replaced = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart", new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("productId", 4).put("quantity", 1))
        .add(new JsonObject().put("productId", 999999).put("quantity", 1))));
    assertThat(replaced.statusCode()).isEqualTo(400);
    assertThat(sql.scalar("SELECT count(*) FROM cart_items WHERE user_id = ?", a.id())).as("nothing half-written").isZero();
  }

  private static void setActive(long productId, boolean active) {
    var r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/" + productId,
        new JsonObject().put("active", active).toBuffer(), true);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  @Test
  void aWithdrawnProductIsRefusedLikeAnUnknownOne() {
    Shopper a = shoppers.one();
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/261", quantity(2)).statusCode()).isEqualTo(200);
    setActive(261, false);
    setActive(262, false);
    var unknown = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/999999", quantity(1));
    for (long id : new long[] {261, 262}) {
      var refused = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/" + id, quantity(1));
      assertThat(refused.statusCode()).as("product %d", id).isEqualTo(unknown.statusCode());
      assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unknown-product");
      assertThat(refused.bodyAsJsonObject().getString("title")).isEqualTo(unknown.bodyAsJsonObject().getString("title"));
    }
    assertThat(sql.scalar("SELECT quantity FROM cart_items WHERE user_id = ? AND product_id = 261", a.id()))
        .as("the line already there is left as it was").isEqualTo(2);

    var replaced = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart", new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("productId", 263).put("quantity", 1))
        .add(new JsonObject().put("productId", 262).put("quantity", 1))));
    assertThat(replaced.statusCode()).isEqualTo(400);
    assertThat(sql.scalar("SELECT count(*) FROM cart_items WHERE user_id = ?", a.id())).as("cart unchanged").isEqualTo(1);

    setActive(262, true);
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/262", quantity(1)).statusCode()).isEqualTo(200);
    setActive(261, true);
  }

  @Test
  void aLineWhoseProductIsWithdrawnIsShownUnavailableAndCanBeRemoved() {
    Shopper a = shoppers.one();
    shoppers.putItem(a, 264, 1);
    shoppers.putItem(a, 265, 3);
    setActive(265, false);
    JsonArray items = shoppers.get(a, "/api/v1/cart").bodyAsJsonObject().getJsonArray("items");
    assertThat(items.getJsonObject(0).getBoolean("available")).isTrue();
    assertThat(items.getJsonObject(1).getLong("productId")).isEqualTo(265);
    assertThat(items.getJsonObject(1).getBoolean("available")).isFalse();
    JsonObject removed = shoppers.send(a, HttpMethod.DELETE, "/api/v1/cart/items/265", null).bodyAsJsonObject();
    assertThat(removed.getJsonArray("items").size()).isEqualTo(1);
    setActive(265, true);
  }

  @Test
  void aCartIsPrivateToItsOwner() {
    Shopper a = shoppers.one();
    Shopper b = shoppers.one();
    shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/8", quantity(3));
    assertThat(shoppers.get(b, "/api/v1/cart").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(t.get("/api/v1/cart").statusCode()).isEqualTo(401);
  }

  @Test
  void aCartHoldsAtMostFiftyProducts() {
    Shopper a = shoppers.one();
    JsonArray items = new JsonArray();
    for (int id = 1; id <= 50; id++) items.add(new JsonObject().put("productId", id).put("quantity", 1));
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart", new JsonObject().put("items", items)).statusCode())
        .isEqualTo(200);
    var full = shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/51", quantity(1));
    assertThat(full.statusCode()).isEqualTo(409);
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart/items/50", quantity(2)).statusCode()).isEqualTo(200);
  }

  @Test
  void parallelAdditionsToAnAlmostFullCartStopAtFiftyLines() throws Exception {
    shoppers.concurrent(16);
    Shopper a = shoppers.one();
    JsonArray items = new JsonArray();
    for (int id = 1; id <= 49; id++) items.add(new JsonObject().put("productId", id).put("quantity", 1));
    assertThat(shoppers.send(a, HttpMethod.PUT, "/api/v1/cart", new JsonObject().put("items", items)).statusCode())
        .isEqualTo(200);
    List<Future<HttpResponse<Buffer>>> adds = new ArrayList<>();
    // The new lines' product rows held: each insert has counted 49 lines and then waits on its
    // product, so without one cart write at a time every one of them would go in.
    try (Connection held = sql.begin()) {
      held.createStatement().executeQuery("SELECT id FROM products WHERE id BETWEEN 260 AND 275 FOR UPDATE").close();
      for (int id = 260; id <= 275; id++) adds.add(shoppers.putItemAsync(a, id, 1));
      long deadline = System.currentTimeMillis() + 10_000;
      while (sql.scalar("SELECT count(*) FROM pg_locks WHERE NOT granted") == 0) {
        assertThat(System.currentTimeMillis()).as("an addition waits").isLessThan(deadline);
        Thread.sleep(20);
      }
      Thread.sleep(300);
      held.commit();
    }
    Future.join(adds).await();
    List<Integer> statuses = adds.stream().map(f -> f.result().statusCode()).toList();
    assertThat(statuses).containsOnly(200, 409);
    assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    assertThat(sql.scalar("SELECT count(*) FROM cart_items WHERE user_id = ?", a.id())).isEqualTo(50);
  }
}
