package dev.storefront.backup;

import dev.storefront.catalog.ProductRepository;
import dev.storefront.config.AppConfig;
import dev.storefront.db.Database;
import dev.storefront.order.OrderRepository;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the restored database through the code the API serves with (its repositories and SQL
 * over the reactive client): the most popular product's page row, and the newest order with its
 * items adding up to its total. A restore that loads but cannot serve fails here.
 */
final class DrillSmoke {
  private DrillSmoke() {}

  /** The failures, one line each; empty when both reads work. */
  static List<String> run(AppConfig config, String database) {
    List<String> failures = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(Database.connectOptions(config, "restore-drill").setDatabase(database))
        .using(vertx).build();
    try {
      Row first = pool.query("SELECT id FROM products WHERE active ORDER BY popularity DESC, id LIMIT 1").execute()
          .await().iterator().next();
      Row product = new ProductRepository(pool, config.cache().listingExactTotalUpTo()).byId(first.getLong(0)).await();
      if (product == null || product.getString("name") == null || product.getInteger("price_cents") == null) {
        failures.add("PDP read of product " + first.getLong(0) + " returned " + product);
      }
      var newest = pool.query("SELECT max(id) FROM orders").execute().await().iterator().next().getLong(0);
      if (newest != null) {
        Row order = OrderRepository.byId(pool, newest).await();
        JsonArray items = order == null ? null : (JsonArray) order.getValue("items");
        long sum = 0;
        if (items != null) for (int i = 0; i < items.size(); i++) sum += items.getJsonObject(i).getLong("lineTotalCents");
        if (order == null || items == null || items.isEmpty() || sum != order.getLong("total_cents")) {
          failures.add("order lookup of " + newest + " returned " + (order == null ? null : order.toJson()));
        }
      }
    } catch (RuntimeException e) {
      failures.add("smoke reads failed: " + e);
    } finally {
      pool.close().await();
      vertx.close().await();
    }
    return failures;
  }
}
