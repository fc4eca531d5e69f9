package dev.storefront.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Shoppers;
import dev.storefront.support.Shoppers.Shopper;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkouts whose carts overlap in a chain (buyer i wants products i and i+1) and each take the last
 * unit: every take makes listings stale. Bumping the listing versions between two product locks
 * let each checkout hold the catalog's version row while waiting for a product another one held,
 * which waited for that row: deadlocks, each found only after PostgreSQL's deadlock timeout, until
 * the statement timeout answered 503. Now versions are bumped after every product lock.
 */
class LastUnitChainRaceTest {
  static final int BUYERS = 24;
  static final long FIRST_PRODUCT = 30;
  static TestApp t;
  static Shoppers shoppers;
  static Sql sql;

  @BeforeAll
  static void start() {
    // A statement timeout short enough that a chain of deadlock detections (1 s each) runs past it.
    t = TestApp.start("last_unit_chain", Map.of("DATABASE_TIMEOUT_MS", "3000"));
    shoppers = new Shoppers(t).concurrent(BUYERS);
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
  }

  @Test
  void buyersOfOverlappingLastUnitsGetAnOrderOrOutOfStockNeverATimeout() {
    List<Shopper> buyers = shoppers.create(BUYERS);
    for (int round = 0; round < 3; round++) {
      long base = FIRST_PRODUCT + round * (BUYERS + 1);
      sql.update("UPDATE products SET stock = 1, active = true WHERE id BETWEEN ? AND ?", base, base + BUYERS);
      for (int i = 0; i < BUYERS; i++) {
        Shopper buyer = buyers.get(i);
        sql.update("DELETE FROM cart_items WHERE user_id = ?", buyer.id());
        sql.update("INSERT INTO cart_items (user_id, product_id, quantity) VALUES (?, ?, 1), (?, ?, 1)",
            buyer.id(), base + i, buyer.id(), base + i + 1);
      }
      Buffer body = new JsonObject().put("shippingAddress", Shoppers.address()).toBuffer();
      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
      for (Shopper s : buyers) all.add(shoppers.checkoutAsync(s, UUID.randomUUID().toString(), body));
      Future.join(all).await();
      Map<Integer, Long> statuses = all.stream().map(f -> Shoppers.checked(f.result()).statusCode())
          .collect(Collectors.groupingBy(code -> code, Collectors.counting()));

      assertThat(statuses).as("round %d", round).containsOnlyKeys(201, 409);
      long sold = sql.scalar("SELECT coalesce(sum(quantity), 0) FROM order_items WHERE product_id BETWEEN ? AND ?",
          base, base + BUYERS);
      long left = sql.scalar("SELECT sum(stock) FROM products WHERE id BETWEEN ? AND ?", base, base + BUYERS);
      assertThat(sold + left).as("units conserved").isEqualTo(BUYERS + 1);
      assertThat(sold).as("two units per order").isEqualTo(2 * statuses.get(201));
    }
  }
}
