package dev.storefront.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.Shoppers;
import dev.storefront.support.Shoppers.Shopper;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaymentWebhookTest {
  static final String SECRET = "whsec_test_secret";
  static final String URI = "/api/v1/webhooks/payments";
  static TestApp t;
  static Shoppers shoppers;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("payment_webhook", Map.of("PAYMENT_WEBHOOK_SECRET", SECRET, "RESERVATION_SWEEP_INTERVAL_MS", "100"));
    shoppers = new Shoppers(t).concurrent(20);
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
  }

  /** An order awaiting payment for {@code quantity} units of a product whose stock is set to {@code stock}. */
  static JsonObject order(Shopper s, long product, int stock, int quantity) {
    sql.update("UPDATE products SET stock = ? WHERE id = ?", stock, product);
    shoppers.putItem(s, product, quantity);
    HttpResponse<Buffer> r = shoppers.checkout(s, UUID.randomUUID().toString());
    assertThat(r.statusCode()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static Buffer event(String type, JsonObject order) {
    return ProviderEvent.build("evt_" + UUID.randomUUID(), type, order.getJsonObject("payment").getString("reference"),
        order.getLong("id")).toBuffer();
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  static Future<HttpResponse<Buffer>> postAsync(Buffer body, String signature) {
    var request = t.client.post(URI).putHeader("Content-Type", "application/json");
    if (signature != null) request.putHeader("Stripe-Signature", signature);
    return request.sendBuffer(body);
  }

  static HttpResponse<Buffer> post(Buffer body, String signature) {
    return Contract.checked(HttpMethod.POST, URI, postAsync(body, signature).await());
  }

  static HttpResponse<Buffer> deliver(Buffer body) {
    return post(body, StripeSignature.header(SECRET, now(), body));
  }

  static String status(JsonObject order) {
    return sql.text("SELECT status FROM orders WHERE id = ?", order.getLong("id"));
  }

  static long stock(long product) {
    return sql.scalar("SELECT stock FROM products WHERE id = ?", product);
  }

  @Test
  void aSignedSucceededEventMarksThePaidOrderAndCreditsPointsShownOnTheProfile() {
    Shopper a = shoppers.one();
    JsonObject order = order(a, 71, 10, 2);
    HttpResponse<Buffer> r = deliver(event(ProviderEvent.SUCCEEDED, order));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("outcome")).isEqualTo("paid");
    assertThat(status(order)).isEqualTo("paid");
    assertThat(stock(71)).as("the reservation became a sale").isEqualTo(8);

    long points = order.getLong("totalCents") / 100;
    JsonObject me = shoppers.get(a, "/api/v1/me").bodyAsJsonObject();
    assertThat(me.getLong("points")).isEqualTo(points);
    JsonObject badge = me.getJsonObject("badge");
    assertThat(badge.getString("name")).isEqualTo(points >= 1500 ? (points >= 5000 ? "Platinum" : "Gold")
        : points >= 500 ? "Silver" : "Bronze");
    if (badge.getJsonObject("next") != null) {
      assertThat(badge.getJsonObject("next").getLong("pointsToGo"))
          .isEqualTo(badge.getJsonObject("next").getLong("minPoints") - points);
    }
    JsonObject entry = shoppers.get(a, "/api/v1/me/points").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(entry.getLong("points")).isEqualTo(points);
    assertThat(entry.getString("reason")).isEqualTo("order_paid");
    assertThat(entry.getLong("orderId")).isEqualTo(order.getLong("id"));
    assertThat(sql.scalar("SELECT count(*) FROM events WHERE type = 'points.changed' AND user_id = ?", a.id())).isEqualTo(1);

    var admin = t.client.get("/api/v1/admin/orders?status=paid").putHeader("Authorization", "Bearer " + t.adminToken())
        .send().await();
    Contract.checked(HttpMethod.GET, "/api/v1/admin/orders", admin);
    assertThat(admin.bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id"))).contains(order.getLong("id"));
    assertThat(shoppers.get(a, "/api/v1/admin/orders").statusCode()).isEqualTo(403);
  }

  @Test
  void badSignaturesAre400AndChangeNothing() {
    JsonObject order = order(shoppers.one(), 72, 10, 1);
    Buffer body = event(ProviderEvent.SUCCEEDED, order);
    String good = StripeSignature.sign(SECRET, now(), body);
    Buffer changed = body.copy();
    changed.setByte(changed.length() - 2, (byte) (changed.getByte(changed.length() - 2) ^ 1));
    List<String> headers = List.of(
        "t=" + now() + ",v1=" + StripeSignature.sign("another secret", now(), body),
        "t=" + (now() - 310) + ",v1=" + StripeSignature.sign(SECRET, now() - 310, body),
        "t=" + (now() + 310) + ",v1=" + StripeSignature.sign(SECRET, now() + 310, body),
        "t=" + now() + ",v0=" + good,
        "garbage", "t=,v1=", "t=abc,v1=" + good, ",,,", "v1=" + good, "t=" + now() + ",t=" + now() + ",v1=" + good,
        "t=99999999999999999999,v1=" + good);
    assertThat(post(changed, "t=" + now() + ",v1=" + good).statusCode()).as("body changed by one byte").isEqualTo(400);
    assertThat(post(body, null).statusCode()).isEqualTo(400);
    for (String header : headers) {
      HttpResponse<Buffer> r = post(body, header);
      assertThat(r.statusCode()).as(header).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/invalid-signature");
    }
    assertThat(status(order)).isEqualTo("awaiting_payment");
    assertThat(sql.scalar("SELECT count(*) FROM payment_events")).isZero();

    String several = "t=" + now() + ",v1=" + "0".repeat(64) + ",v0=abc,v1=" + StripeSignature.sign(SECRET, now(), body);
    assertThat(post(body, several).statusCode()).as("any matching v1 of several").isEqualTo(200);
    assertThat(status(order)).isEqualTo("paid");
  }

  @Test
  void theSameEventDeliveredTwentyTimesIsAppliedOnce() {
    Shopper a = shoppers.one();
    JsonObject order = order(a, 73, 10, 3);
    Buffer paid = event(ProviderEvent.SUCCEEDED, order);
    Buffer refunded = event(ProviderEvent.REFUNDED, order);
    for (Buffer body : List.of(paid, refunded)) {
      List<Future<HttpResponse<Buffer>>> concurrent = new ArrayList<>();
      for (int i = 0; i < 10; i++) concurrent.add(postAsync(body, StripeSignature.header(SECRET, now(), body)));
      Future.join(concurrent).await();
      for (var f : concurrent) assertThat(Contract.checked(HttpMethod.POST, URI, f.result()).statusCode()).isEqualTo(200);
      for (int i = 0; i < 10; i++) assertThat(deliver(body).bodyAsJsonObject().getString("outcome")).isEqualTo("duplicate");
    }
    assertThat(status(order)).isEqualTo("refunded");
    assertThat(stock(73)).as("restored once").isEqualTo(10);
    assertThat(sql.scalar("SELECT count(*) FROM points_ledger WHERE order_id = ?", order.getLong("id"))).isEqualTo(2);
    assertThat(sql.scalar("SELECT coalesce(sum(points), 0) FROM points_ledger WHERE user_id = ?", a.id())).isZero();
    assertThat(sql.scalar("SELECT points FROM point_balances WHERE user_id = ?", a.id())).isZero();
  }

  @Test
  void aPartialRefundIsRecordedAndLeavesTheSaleUntilTheFullRefund() {
    Shopper a = shoppers.one();
    JsonObject order = order(a, 104, 10, 2);
    assertThat(deliver(event(ProviderEvent.SUCCEEDED, order)).bodyAsJsonObject().getString("outcome")).isEqualTo("paid");
    long points = sql.scalar("SELECT points FROM point_balances WHERE user_id = ?", a.id());
    long total = order.getLong("totalCents");

    JsonObject partial = ProviderEvent.build("evt_" + UUID.randomUUID(), ProviderEvent.REFUNDED,
        order.getJsonObject("payment").getString("reference"), order.getLong("id"));
    partial.getJsonObject("data").getJsonObject("object").put("refunded", false).put("amount", total)
        .put("amount_refunded", total / 3);
    assertThat(deliver(partial.toBuffer()).bodyAsJsonObject().getString("outcome")).isEqualTo("partially-refunded");
    assertThat(status(order)).isEqualTo("paid");
    assertThat(stock(104)).as("sold units stay sold").isEqualTo(8);
    assertThat(sql.scalar("SELECT points FROM point_balances WHERE user_id = ?", a.id())).isEqualTo(points);

    JsonObject full = ProviderEvent.build("evt_" + UUID.randomUUID(), ProviderEvent.REFUNDED,
        order.getJsonObject("payment").getString("reference"), order.getLong("id"));
    full.getJsonObject("data").getJsonObject("object").put("refunded", true).put("amount", total).put("amount_refunded", total);
    assertThat(deliver(full.toBuffer()).bodyAsJsonObject().getString("outcome")).isEqualTo("refunded");
    assertThat(stock(104)).isEqualTo(10);
    assertThat(sql.scalar("SELECT points FROM point_balances WHERE user_id = ?", a.id())).isZero();
    assertThat(deliver(partial.put("id", "evt_" + UUID.randomUUID()).toBuffer()).bodyAsJsonObject().getString("outcome"))
        .as("a late partial refund changes nothing").isEqualTo("no-op");
  }

  @Test
  void aRefundBeforeThePaymentNetsToZero() {
    Shopper a = shoppers.one();
    JsonObject order = order(a, 74, 10, 2);
    assertThat(deliver(event(ProviderEvent.REFUNDED, order)).bodyAsJsonObject().getString("outcome")).isEqualTo("refunded");
    assertThat(deliver(event(ProviderEvent.SUCCEEDED, order)).bodyAsJsonObject().getString("outcome")).isEqualTo("no-op");
    assertThat(status(order)).isEqualTo("refunded");
    assertThat(stock(74)).isEqualTo(10);
    assertThat(sql.scalar("SELECT count(*) FROM points_ledger WHERE user_id = ?", a.id())).isZero();
  }

  @Test
  void aFailedPaymentCancelsTheOrderAndReleasesItsStock() {
    JsonObject order = order(shoppers.one(), 75, 4, 4);
    assertThat(stock(75)).isZero();
    assertThat(deliver(event(ProviderEvent.FAILED, order)).bodyAsJsonObject().getString("outcome")).isEqualTo("cancelled");
    assertThat(stock(75)).isEqualTo(4);
    assertThat(t.get("/api/v1/products/75").bodyAsJsonObject().getBoolean("inStock")).isTrue();
  }

  @Test
  void aPaymentForAnExpiredReservationTakesTheStockAgainOrNeedsARefund() throws InterruptedException {
    JsonObject lucky = order(shoppers.one(), 76, 5, 2);
    JsonObject unlucky = order(shoppers.one(), 77, 1, 1);
    for (JsonObject o : List.of(lucky, unlucky)) {
      sql.update("UPDATE orders SET reservation_expires_at = now() - interval '1 minute' WHERE id = ?", o.getLong("id"));
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"cancelled".equals(status(unlucky)) || !"cancelled".equals(status(lucky))) {
      assertThat(System.currentTimeMillis()).as("swept within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(stock(76)).isEqualTo(5);
    sql.update("UPDATE products SET stock = 0 WHERE id = 77"); // someone else bought the last unit

    assertThat(deliver(event(ProviderEvent.SUCCEEDED, lucky)).bodyAsJsonObject().getString("outcome")).isEqualTo("paid");
    assertThat(stock(76)).isEqualTo(3);
    assertThat(deliver(event(ProviderEvent.SUCCEEDED, unlucky)).bodyAsJsonObject().getString("outcome"))
        .isEqualTo("refund_required");
    assertThat(stock(77)).as("never oversold").isZero();
  }

  @Test
  void aLatePaymentTakesEveryLineAgainOrNoneAtAll() throws InterruptedException {
    Shopper s = shoppers.one();
    sql.update("UPDATE products SET stock = 10 WHERE id IN (79, 80)");
    shoppers.putItem(s, 79, 2);
    shoppers.putItem(s, 80, 1);
    JsonObject order = shoppers.checkout(s, UUID.randomUUID().toString()).bodyAsJsonObject();
    assertThat(deliver(event(ProviderEvent.FAILED, order)).bodyAsJsonObject().getString("outcome")).isEqualTo("cancelled");
    assertThat(stock(79)).isEqualTo(10);
    sql.update("UPDATE products SET stock = 0 WHERE id = 80"); // the higher id runs out: 79 is adjusted first

    assertThat(deliver(event(ProviderEvent.SUCCEEDED, order)).bodyAsJsonObject().getString("outcome"))
        .isEqualTo("refund_required");
    assertThat(stock(79)).as("nothing taken from the line that had stock").isEqualTo(10);
    assertThat(stock(80)).isZero();
  }

  @Test
  void pointsBeyondTwoToTheThirtyOneAreCreditedInFullAndKeepAdding() {
    Shopper s = shoppers.one();
    // 22 lines x 99 units at the top price earn 2,178,000,000 points, more than a 32-bit balance holds.
    sql.update("UPDATE products SET price_cents = 100000000, stock = 500 WHERE id BETWEEN 81 AND 102");
    sql.update("INSERT INTO cart_items (user_id, product_id, quantity) SELECT ?, id, 99 FROM products "
        + "WHERE id BETWEEN 81 AND 102", s.id());
    JsonObject big = shoppers.checkout(s, UUID.randomUUID().toString()).bodyAsJsonObject();
    assertThat(deliver(event(ProviderEvent.SUCCEEDED, big)).bodyAsJsonObject().getString("outcome")).isEqualTo("paid");
    assertThat(sql.scalar("SELECT points FROM point_balances WHERE user_id = ?", s.id())).isEqualTo(2_178_000_000L);

    JsonObject small = order(s, 103, 10, 1);
    long smallPoints = small.getLong("totalCents") / 100;
    assertThat(deliver(event(ProviderEvent.SUCCEEDED, small)).bodyAsJsonObject().getString("outcome")).isEqualTo("paid");
    assertThat(sql.scalar("SELECT points FROM point_balances WHERE user_id = ?", s.id()))
        .isEqualTo(2_178_000_000L + smallPoints);
    assertThat(deliver(event(ProviderEvent.REFUNDED, big)).bodyAsJsonObject().getString("outcome")).isEqualTo("refunded");
    assertThat(sql.scalar("SELECT points FROM point_balances WHERE user_id = ?", s.id())).isEqualTo(smallPoints);
  }

  @Test
  void thePaymentsSimulateCommandSignsAndPostsLikeTheProvider() throws Exception {
    JsonObject order = order(shoppers.one(), 78, 10, 1);
    String url = "http://127.0.0.1:" + t.app.port() + URI;
    int exit = new dev.storefront.cli.PaymentsCommand.Simulate(order.getLong("id"), "succeeded", url).post(t.config);
    assertThat(exit).isZero();
    assertThat(status(order)).isEqualTo("paid");
  }

  @Test
  void aSignedEventOfAnotherTypeIsAcknowledgedAndIgnored() {
    Buffer body = new JsonObject().put("id", "evt_other").put("type", "customer.created")
        .put("data", new JsonObject().put("object", new JsonObject().put("id", "cus_1"))).toBuffer();
    assertThat(deliver(body).bodyAsJsonObject().getString("outcome")).isEqualTo("ignored");
    Buffer notJson = Buffer.buffer("not json");
    assertThat(deliver(notJson).statusCode()).isEqualTo(400);
  }
}
