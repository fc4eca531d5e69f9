package dev.storefront.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.Shoppers;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Withdrawing a product from sale leaves the orders already placed for it to run their course. */
class WithdrawnProductOrdersTest {
  static final String SECRET = "whsec_test_secret";
  static TestApp t;
  static Shoppers shoppers;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("withdrawn_orders", Map.of("PAYMENT_WEBHOOK_SECRET", SECRET, "RESERVATION_SWEEP_INTERVAL_MS", "100"));
    shoppers = new Shoppers(t);
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static JsonObject order(long product, int stock, int quantity) {
    sql.update("UPDATE products SET stock = ? WHERE id = ?", stock, product);
    Shoppers.Shopper s = shoppers.one();
    shoppers.putItem(s, product, quantity);
    HttpResponse<Buffer> r = shoppers.checkout(s, UUID.randomUUID().toString());
    assertThat(r.statusCode()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static void withdraw(long product) {
    var r = t.send(HttpMethod.PATCH, "/api/v1/admin/products/" + product,
        new JsonObject().put("active", false).toBuffer(), true);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static String deliver(String type, JsonObject order) {
    Buffer body = ProviderEvent.build("evt_" + UUID.randomUUID(), type,
        order.getJsonObject("payment").getString("reference"), order.getLong("id")).toBuffer();
    long now = System.currentTimeMillis() / 1000;
    var r = t.client.post("/api/v1/webhooks/payments").putHeader("Content-Type", "application/json")
        .putHeader("Stripe-Signature", StripeSignature.header(SECRET, now, body)).sendBuffer(body).await();
    Contract.checked(HttpMethod.POST, "/api/v1/webhooks/payments", r);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("outcome");
  }

  private static long stock(long product) {
    return sql.scalar("SELECT stock FROM products WHERE id = ?", product);
  }

  private static void expire(JsonObject order) throws InterruptedException {
    sql.update("UPDATE orders SET reservation_expires_at = now() - interval '1 minute' WHERE id = ?", order.getLong("id"));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"cancelled".equals(sql.text("SELECT status FROM orders WHERE id = ?", order.getLong("id")))) {
      assertThat(System.currentTimeMillis()).as("swept within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aPlacedOrderIsPaidAndRefundedAfterItsProductIsWithdrawn() {
    JsonObject order = order(81, 10, 2);
    withdraw(81);
    assertThat(deliver(ProviderEvent.SUCCEEDED, order)).isEqualTo("paid");
    assertThat(stock(81)).isEqualTo(8);
    assertThat(deliver(ProviderEvent.REFUNDED, order)).isEqualTo("refunded");
    assertThat(stock(81)).as("the refund restores the stock").isEqualTo(10);
  }

  @Test
  void anExpiredReservationReleasesItsStockAndALatePaymentTakesItAgain() throws InterruptedException {
    JsonObject order = order(82, 5, 2);
    withdraw(82);
    expire(order);
    assertThat(stock(82)).isEqualTo(5);
    assertThat(deliver(ProviderEvent.SUCCEEDED, order)).isEqualTo("paid");
    assertThat(stock(82)).isEqualTo(3);
  }
}
