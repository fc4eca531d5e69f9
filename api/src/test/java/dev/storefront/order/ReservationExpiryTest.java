package dev.storefront.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.Shoppers;
import dev.storefront.support.Shoppers.Shopper;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReservationExpiryTest {
  static TestApp t;
  static App sibling;
  static Shoppers shoppers;
  static Sql sql;

  @BeforeAll
  static void start() {
    Map<String, String> fastSweeps = Map.of("RESERVATION_SWEEP_INTERVAL_MS", "100");
    t = TestApp.start("reservation_expiry", fastSweeps);
    sibling = t.startSibling(fastSweeps); // two instances sweep the same orders
    shoppers = new Shoppers(t);
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    sibling.close().await();
    t.close();
  }

  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(50);
    }
  }

  static boolean siblingInStock(long product) {
    return t.client.get(sibling.port(), "127.0.0.1", "/api/v1/products/" + product).send().await()
        .bodyAsJsonObject().getBoolean("inStock");
  }

  @Test
  void theLastUnitSoldShowsOnEveryInstanceAndAnExpiredReservationReleasesItOnce() throws Exception {
    sql.update("UPDATE products SET stock = 1 WHERE id = 61");
    sql.update("UPDATE products SET stock = 5 WHERE id = 62");
    Shopper a = shoppers.one();
    shoppers.putItem(a, 61, 1);
    shoppers.putItem(a, 62, 3);
    assertThat(siblingInStock(61)).isTrue(); // cached on the other instance now
    JsonObject order = shoppers.checkout(a, UUID.randomUUID().toString()).bodyAsJsonObject();
    long id = order.getLong("id");
    assertThat(t.get("/api/v1/products/61").bodyAsJsonObject().getBoolean("inStock")).isFalse();
    long sold = System.currentTimeMillis();
    eventually(() -> !siblingInStock(61));
    assertThat(System.currentTimeMillis() - sold).as("the other instance's PDP within 1 s").isLessThan(1_000);

    Thread.sleep(500);
    assertThat(sql.text("SELECT status FROM orders WHERE id = ?", id)).as("not expired yet").isEqualTo("awaiting_payment");
    sql.update("UPDATE orders SET reservation_expires_at = now() - interval '1 second' WHERE id = ?", id);
    eventually(() -> "cancelled".equals(sql.text("SELECT status FROM orders WHERE id = ?", id)));
    Thread.sleep(300); // more sweeps on both instances must not release it again
    assertThat(sql.scalar("SELECT stock FROM products WHERE id = 61")).isEqualTo(1);
    assertThat(sql.scalar("SELECT stock FROM products WHERE id = 62")).isEqualTo(5);
    assertThat(t.get("/api/v1/products/61").bodyAsJsonObject().getBoolean("inStock")).isTrue();
    eventually(() -> siblingInStock(61));
    assertThat(shoppers.get(a, "/api/v1/orders/" + id).bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(sql.scalar("SELECT count(*) FROM events WHERE type = 'order.status' AND payload->>'status' = 'cancelled' "
        + "AND (payload->>'orderId')::bigint = ?", id)).isEqualTo(1);
  }
}
