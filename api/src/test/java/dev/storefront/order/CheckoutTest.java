package dev.storefront.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Shoppers;
import dev.storefront.support.Shoppers.Shopper;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckoutTest {
  static TestApp t;
  static Shoppers shoppers;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("checkout");
    shoppers = new Shoppers(t);
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static void stock(long productId, int level) {
    var r = t.send(HttpMethod.PUT, "/api/v1/admin/products/" + productId + "/stock",
        new JsonObject().put("stock", level).toBuffer(), true);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static void setActive(long productId, boolean active) {
    var r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/" + productId,
        new JsonObject().put("active", active).toBuffer(), true);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static long stockOf(long productId) {
    return sql.scalar("SELECT stock FROM products WHERE id = ?", productId);
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  @Test
  void checkoutCreatesAnOrderAtDatabasePricesReservesStockAndEmptiesTheCart() {
    Shopper a = shoppers.one();
    stock(31, 5);
    stock(32, 5);
    shoppers.putItem(a, 31, 2);
    shoppers.putItem(a, 32, 1);
    long price31 = sql.scalar("SELECT price_cents FROM products WHERE id = 31");
    long price32 = sql.scalar("SELECT price_cents FROM products WHERE id = 32");
    HttpResponse<Buffer> r = shoppers.checkout(a, key());
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject order = r.bodyAsJsonObject();
    assertThat(order.getString("status")).isEqualTo("awaiting_payment");
    assertThat(order.getLong("totalCents")).isEqualTo(2 * price31 + price32);
    assertThat(order.getJsonArray("items").size()).isEqualTo(2);
    assertThat(order.getJsonObject("payment").getString("reference")).startsWith("pi_");
    assertThat(order.getJsonObject("shippingAddress").getString("country")).isEqualTo("GB");
    assertThat(stockOf(31)).isEqualTo(3);
    assertThat(stockOf(32)).isEqualTo(4);
    assertThat(shoppers.get(a, "/api/v1/cart").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(sql.scalar("SELECT count(*) FROM events WHERE type = 'order.status' AND (payload->>'orderId')::bigint = ?",
        order.getLong("id"))).isEqualTo(1);

    HttpResponse<Buffer> mine = shoppers.get(a, "/api/v1/orders/" + order.getLong("id"));
    assertThat(mine.bodyAsJsonObject()).isEqualTo(order);
    assertThat(shoppers.get(a, "/api/v1/orders").bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
        .getLong("id")).isEqualTo(order.getLong("id"));
  }

  @Test
  void takingTheLastUnitShowsOutOfStockOnTheProductPage() {
    Shopper a = shoppers.one();
    stock(33, 1);
    assertThat(t.get("/api/v1/products/33").bodyAsJsonObject().getBoolean("inStock")).isTrue(); // now cached
    shoppers.putItem(a, 33, 1);
    assertThat(shoppers.checkout(a, key()).statusCode()).isEqualTo(201);
    JsonObject pdp = t.get("/api/v1/products/33").bodyAsJsonObject();
    assertThat(pdp.getInteger("stock")).isZero();
    assertThat(pdp.getBoolean("inStock")).isFalse();
  }

  @Test
  void aRepeatedKeyReplaysTheFirstResponseByteForByte() {
    Shopper a = shoppers.one();
    stock(34, 10);
    shoppers.putItem(a, 34, 1);
    String key = key();
    HttpResponse<Buffer> first = shoppers.checkout(a, key);
    shoppers.putItem(a, 34, 1); // a second checkout would create a second order
    HttpResponse<Buffer> again = shoppers.checkout(a, key);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body().getBytes()).isEqualTo(first.body().getBytes());
    assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", a.id())).isEqualTo(1);
    assertThat(stockOf(34)).isEqualTo(9);
  }

  @Test
  void theSameKeyWithAnotherBodyIs422() {
    Shopper a = shoppers.one();
    stock(35, 10);
    shoppers.putItem(a, 35, 1);
    String key = key();
    assertThat(shoppers.checkout(a, key).statusCode()).isEqualTo(201);
    JsonObject other = new JsonObject().put("shippingAddress", Shoppers.address().put("city", "Paris").put("country", "FR"));
    HttpResponse<Buffer> r = shoppers.checkout(a, key, other.toBuffer());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/idempotency-key-reused");
  }

  @Test
  void twentyConcurrentRequestsWithOneKeyMakeOneOrder() {
    Shopper a = shoppers.one();
    stock(36, 50);
    shoppers.putItem(a, 36, 2);
    String key = key();
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    Buffer body = new JsonObject().put("shippingAddress", Shoppers.address()).toBuffer();
    for (int i = 0; i < 20; i++) all.add(shoppers.checkoutAsync(a, key, body));
    Future.join(all).await();
    Buffer firstBody = all.get(0).result().body();
    for (var f : all) {
      assertThat(Shoppers.checked(f.result()).statusCode()).isEqualTo(201);
      assertThat(f.result().body().getBytes()).isEqualTo(firstBody.getBytes());
    }
    assertThat(sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", a.id())).isEqualTo(1);
    assertThat(stockOf(36)).isEqualTo(48);
  }

  @Test
  void keysArePerUserAndLongKeysAreRefused() {
    Shopper a = shoppers.one();
    Shopper b = shoppers.one();
    stock(37, 10);
    shoppers.putItem(a, 37, 1);
    shoppers.putItem(b, 37, 1);
    String key = key();
    long orderA = shoppers.checkout(a, key).bodyAsJsonObject().getLong("id");
    HttpResponse<Buffer> forB = shoppers.checkout(b, key);
    assertThat(forB.statusCode()).isEqualTo(201);
    assertThat(forB.bodyAsJsonObject().getLong("id")).isNotEqualTo(orderA);
    assertThat(forB.getHeader("Idempotent-Replayed")).isNull();

    shoppers.putItem(a, 37, 1);
    assertThat(shoppers.checkout(a, "k".repeat(256)).statusCode()).isEqualTo(400);
    assertThat(shoppers.checkout(a, null).statusCode()).isEqualTo(400);
    assertThat(shoppers.checkout(a, "k".repeat(255)).statusCode()).isEqualTo(201);
  }

  @Test
  void anotherUsersOrderIsNotFound() {
    Shopper a = shoppers.one();
    Shopper b = shoppers.one();
    stock(38, 10);
    shoppers.putItem(a, 38, 1);
    long orderA = shoppers.checkout(a, key()).bodyAsJsonObject().getLong("id");
    assertThat(shoppers.get(b, "/api/v1/orders/" + orderA).statusCode()).isEqualTo(404);
    assertThat(shoppers.get(b, "/api/v1/orders").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(shoppers.get(b, "/api/v1/cart").bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void badRequestsLeaveNoOrderReservationOrKeyBehind() {
    Shopper a = shoppers.one();
    stock(39, 10);
    stock(40, 0);
    shoppers.putItem(a, 39, 2);
    JsonObject withPrice = new JsonObject().put("shippingAddress", Shoppers.address()).put("totalCents", 1);
    assertThat(shoppers.checkout(a, key(), withPrice.toBuffer()).statusCode()).isEqualTo(400);
    JsonObject badCountry = new JsonObject().put("shippingAddress", Shoppers.address().put("country", "XX"));
    assertThat(shoppers.checkout(a, key(), badCountry.toBuffer()).statusCode()).isEqualTo(400);
    JsonObject blankName = new JsonObject().put("shippingAddress", Shoppers.address().put("name", "  "));
    assertThat(shoppers.checkout(a, key(), blankName.toBuffer()).statusCode()).isEqualTo(400);
    for (String invisible : new String[] {"\u200B\u200B", "\u3000", "\u2800", "\u3164"}) {
      JsonObject unseen = new JsonObject().put("shippingAddress", Shoppers.address().put("city", invisible));
      HttpResponse<Buffer> refused = shoppers.checkout(a, key(), unseen.toBuffer());
      assertThat(refused.statusCode()).as(invisible).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("detail")).contains("shippingAddress.city");
    }
    assertThat(shoppers.checkout(a, key(), Buffer.buffer("{\"shippingAddress\":")).statusCode()).isEqualTo(400);

    shoppers.putItem(a, 40, 1); // 39 is available, 40 is not: nothing may be taken from 39
    String key = key();
    HttpResponse<Buffer> r = shoppers.checkout(a, key);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/out-of-stock");
    assertThat(stockOf(39)).isEqualTo(10);
    assertThat(sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", a.id())).isZero();
    assertThat(sql.scalar("SELECT count(*) FROM idempotency_keys WHERE user_id = ?", a.id())).isZero();
    assertThat(shoppers.get(a, "/api/v1/cart").bodyAsJsonObject().getJsonArray("items").size()).isEqualTo(2);

    shoppers.send(a, HttpMethod.DELETE, "/api/v1/cart/items/40", null);
    assertThat(shoppers.checkout(a, key).statusCode()).as("a failed key can be retried").isEqualTo(201);
  }

  @Test
  void aCartHoldingAWithdrawnProductIsRefusedAndLeavesNothingBehind() {
    Shopper a = shoppers.one();
    stock(41, 10);
    shoppers.putItem(a, 41, 2);
    shoppers.putItem(a, 42, 1);
    setActive(42, false);
    stock(42, 0); // withdrawn and sold out: the answer names the withdrawal, which no restock undoes
    String stockEvents = "SELECT count(*) FROM events WHERE type = 'stock.changed' "
        + "AND (payload->>'productId')::bigint IN (41, 42)";
    long eventsBefore = sql.scalar(stockEvents);
    long changesBefore = sql.scalar("SELECT count(*) FROM events WHERE product_id IN (41, 42)");

    String key = key();
    HttpResponse<Buffer> r = shoppers.checkout(a, key);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/product-unavailable");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("Product 42 ");
    assertThat(stockOf(41)).isEqualTo(10);
    assertThat(stockOf(42)).isZero();
    assertThat(sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", a.id())).isZero();
    assertThat(sql.scalar("SELECT count(*) FROM idempotency_keys WHERE user_id = ?", a.id())).isZero();
    assertThat(sql.scalar("SELECT count(*) FROM events WHERE user_id = ?", a.id())).isZero();
    assertThat(sql.scalar(stockEvents)).isEqualTo(eventsBefore);
    assertThat(sql.scalar("SELECT count(*) FROM events WHERE product_id IN (41, 42)")).isEqualTo(changesBefore);
    var lines = shoppers.get(a, "/api/v1/cart").bodyAsJsonObject().getJsonArray("items");
    assertThat(lines.size()).as("the cart is kept").isEqualTo(2);
    assertThat(lines.getJsonObject(1).getBoolean("available")).isFalse();

    shoppers.send(a, HttpMethod.DELETE, "/api/v1/cart/items/42", null);
    assertThat(shoppers.checkout(a, key).statusCode()).as("without the line, the same key goes through").isEqualTo(201);
    assertThat(stockOf(41)).isEqualTo(8);
    setActive(42, true);
  }

  @Test
  void aWithdrawalCommittedWhileTheCheckoutWaitsForTheProductRowIsRefused() throws Exception {
    Shopper a = shoppers.one();
    stock(43, 10);
    shoppers.putItem(a, 43, 1);
    Future<HttpResponse<Buffer>> checkout;
    try (Connection withdrawal = sql.begin()) {
      withdrawal.createStatement().executeUpdate("UPDATE products SET active = false WHERE id = 43");
      checkout = checkoutWaitingOn(withdrawal, a);
      withdrawal.commit();
    }
    HttpResponse<Buffer> r = Shoppers.checked(checkout.await());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/product-unavailable");
    assertThat(stockOf(43)).isEqualTo(10);
    assertThat(sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", a.id())).isZero();
    assertThat(sql.scalar("SELECT count(*) FROM idempotency_keys WHERE user_id = ?", a.id())).isZero();
  }

  @Test
  void aPriceChangeCommittedWhileTheCheckoutWaitsForTheProductRowIsRefused() throws Exception {
    Shopper a = shoppers.one();
    stock(46, 10);
    shoppers.putItem(a, 46, 1);
    long before = sql.scalar("SELECT price_cents FROM products WHERE id = 46");
    Future<HttpResponse<Buffer>> checkout;
    try (Connection repricing = sql.begin()) {
      repricing.createStatement().executeUpdate("UPDATE products SET price_cents = price_cents + 100 WHERE id = 46");
      checkout = checkoutWaitingOn(repricing, a);
      repricing.commit();
    }
    HttpResponse<Buffer> r = Shoppers.checked(checkout.await());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/price-changed");
    assertThat(stockOf(46)).isEqualTo(10);
    assertThat(sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", a.id())).isZero();
    assertThat(sql.scalar("SELECT count(*) FROM idempotency_keys WHERE user_id = ?", a.id())).isZero();

    HttpResponse<Buffer> again = Shoppers.checked(shoppers.checkoutAsync(a, key(),
        new JsonObject().put("shippingAddress", Shoppers.address()).toBuffer()).await());
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getLong("totalCents")).as("at the price now in force").isEqualTo(before + 100);
  }

  @Test
  void aLineAddedWhileACheckoutRunsStaysInTheCart() throws Exception {
    Shopper a = shoppers.one();
    stock(44, 10);
    stock(45, 10);
    shoppers.putItem(a, 44, 1);
    Future<HttpResponse<Buffer>> checkout;
    Future<HttpResponse<Buffer>> added;
    try (Connection held = sql.begin()) {
      held.createStatement().executeQuery("SELECT id FROM products WHERE id = 44 FOR UPDATE").close();
      checkout = checkoutWaitingOn(held, a);
      added = shoppers.putItemAsync(a, 45, 2);
      Thread.sleep(300); // time for the addition to commit, were it not made to wait for the checkout
      held.commit();
    }
    HttpResponse<Buffer> order = Shoppers.checked(checkout.await());
    assertThat(order.statusCode()).as(order.bodyAsString()).isEqualTo(201);
    assertThat(order.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(added.await().statusCode()).isEqualTo(200);
    var cart = shoppers.get(a, "/api/v1/cart").bodyAsJsonObject().getJsonArray("items");
    assertThat(cart).as("the acknowledged line is in the cart, not lost with the ordered one").hasSize(1);
    assertThat(cart.getJsonObject(0).getLong("productId")).isEqualTo(45);
    assertThat(cart.getJsonObject(0).getInteger("quantity")).isEqualTo(2);
  }

  /** Starts a checkout for {@code s} and returns once it waits for a row lock that {@code held}'s transaction holds. */
  private static Future<HttpResponse<Buffer>> checkoutWaitingOn(Connection held, Shopper s) throws Exception {
    String xid;
    try (ResultSet rs = held.createStatement().executeQuery("SELECT pg_current_xact_id()::xid::text")) {
      rs.next();
      xid = rs.getString(1);
    }
    var checkout = shoppers.checkoutAsync(s, key(), new JsonObject().put("shippingAddress", Shoppers.address()).toBuffer());
    long deadline = System.currentTimeMillis() + 10_000;
    while (sql.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted "
        + "AND transactionid::text = ?", xid) == 0) {
      assertThat(System.currentTimeMillis()).as("the checkout waits for the product row").isLessThan(deadline);
      Thread.sleep(20);
    }
    return checkout;
  }
}
