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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Many buyers for little stock: exactly the stock is sold, everyone else gets 409, nobody a 5xx. */
class OversellRaceTest {
  private static final Logger LOG = LoggerFactory.getLogger(OversellRaceTest.class);
  static TestApp t;
  static Shoppers shoppers;
  static Sql sql;
  static List<Shopper> buyers;

  @BeforeAll
  static void start() {
    // 200 requests queue for 16 connections on a shared CI machine: the default 5 s pool wait is a
    // latency bound, not what this test is about.
    t = TestApp.start("oversell", Map.of("DATABASE_TIMEOUT_MS", "60000"));
    shoppers = new Shoppers(t).concurrent(200);
    sql = new Sql(t.config);
    buyers = shoppers.create(200);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
  }

  private static void cartsOf(List<Shopper> who, long... products) {
    long first = who.get(0).id();
    long last = who.get(who.size() - 1).id();
    sql.update("DELETE FROM cart_items WHERE user_id BETWEEN ? AND ?", first, last);
    for (long p : products) {
      sql.update("INSERT INTO cart_items (user_id, product_id, quantity) SELECT id, ?, 1 FROM users "
          + "WHERE id BETWEEN ? AND ?", p, first, last);
    }
  }

  private static Map<Integer, Long> checkoutAll(List<Shopper> who) {
    Buffer body = new JsonObject().put("shippingAddress", Shoppers.address()).toBuffer();
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (Shopper s : who) all.add(shoppers.checkoutAsync(s, UUID.randomUUID().toString(), body));
    Future.join(all).await();
    return all.stream().map(f -> Shoppers.checked(f.result()).statusCode())
        .collect(Collectors.groupingBy(code -> code, Collectors.counting()));
  }

  @Test
  void twoHundredBuyersForTenUnitsBuyExactlyTenInEveryRound() {
    for (int round = 0; round < 20; round++) {
      long product = 101 + round;
      sql.update("UPDATE products SET stock = 10 WHERE id = ?", product);
      cartsOf(buyers, product);
      long started = System.nanoTime();
      Map<Integer, Long> statuses = checkoutAll(buyers);
      LOG.info("round {}: {} in {} ms", round, statuses, (System.nanoTime() - started) / 1_000_000);
      assertThat(statuses).as("round %d", round).containsOnlyKeys(201, 409);
      assertThat(statuses.get(201)).isEqualTo(10);
      assertThat(statuses.get(409)).isEqualTo(190);
      assertThat(sql.scalar("SELECT stock FROM products WHERE id = ?", product)).isZero();
      assertThat(sql.scalar("SELECT coalesce(sum(quantity), 0) FROM order_items WHERE product_id = ?", product))
          .isEqualTo(10);
    }
  }

  @Test
  void oneCartCheckedOutFromManyTabsAtOnceBecomesOneOrder() {
    for (int round = 0; round < 5; round++) {
      Shopper shopper = buyers.get(150 + round);
      long product = 231 + round;
      sql.update("UPDATE products SET stock = 100 WHERE id = ?", product);
      sql.update("DELETE FROM cart_items WHERE user_id = ?", shopper.id());
      sql.update("INSERT INTO cart_items (user_id, product_id, quantity) VALUES (?, ?, 2)", shopper.id(), product);
      long ordersBefore = sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", shopper.id());
      // Each tab sends its own idempotency key, so only the cart itself can stop a second order.
      Map<Integer, Long> statuses = checkoutAll(java.util.Collections.nCopies(8, shopper));
      assertThat(statuses).as("round %d", round).containsEntry(201, 1L).containsEntry(409, 7L).hasSize(2);
      assertThat(sql.scalar("SELECT count(*) FROM orders WHERE user_id = ?", shopper.id())).isEqualTo(ordersBefore + 1);
      assertThat(sql.scalar("SELECT stock FROM products WHERE id = ?", product)).isEqualTo(98L);
    }
  }

  @Test
  void cartsOverTheSameProductsInOppositeOrdersNeverDeadlock() {
    List<Shopper> who = buyers.subList(0, 100);
    for (int round = 0; round < 5; round++) {
      long low = 201 + 2 * round;
      long high = low + 1;
      sql.update("UPDATE products SET stock = 30 WHERE id IN (?, ?)", low, high);
      long first = who.get(0).id();
      long last = who.get(who.size() - 1).id();
      sql.update("DELETE FROM cart_items WHERE user_id BETWEEN ? AND ?", first, last);
      // Half the carts list the high product first: checkout must still lock in one order.
      sql.update("INSERT INTO cart_items (user_id, product_id, quantity) SELECT id, CASE WHEN id % 2 = 0 THEN ? ELSE ? END, "
          + "1 FROM users WHERE id BETWEEN ? AND ?", low, high, first, last);
      sql.update("INSERT INTO cart_items (user_id, product_id, quantity) SELECT id, CASE WHEN id % 2 = 0 THEN ? ELSE ? END, "
          + "2 FROM users WHERE id BETWEEN ? AND ?", high, low, first, last);
      Map<Integer, Long> statuses = checkoutAll(who);
      assertThat(statuses).as("round %d", round).containsOnlyKeys(201, 409);
      assertThat(statuses.get(201)).isPositive();
      for (long product : new long[] {low, high}) {
        long left = sql.scalar("SELECT stock FROM products WHERE id = ?", product);
        long held = sql.scalar("SELECT coalesce(sum(quantity), 0) FROM order_items WHERE product_id = ?", product);
        assertThat(left + held).as("units of %d are conserved", product).isEqualTo(30);
        assertThat(left).isNotNegative();
      }
    }
  }
}
