package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin stock route goes through the one stock-change path: event row in its transaction, eviction. */
class StockChangesTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("stock_changes");
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  @Test
  void anAdminStockWriteRecordsAStockEventInItsTransaction() {
    assertThat(t.get("/api/v1/products/21").statusCode()).isEqualTo(200); // cached now
    var r = t.send(HttpMethod.PUT, "/api/v1/admin/products/21/stock", new JsonObject().put("stock", 0).toBuffer(), true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(t.get("/api/v1/products/21").bodyAsJsonObject().getBoolean("inStock")).isFalse();
    assertThat(sql.text("SELECT payload::text FROM events WHERE type = 'stock.changed' ORDER BY id DESC LIMIT 1"))
        .contains("\"productId\": 21").contains("\"stock\": 0").contains("\"inStock\": false");
    assertThat(sql.scalar("SELECT count(*) FROM events WHERE type = 'stock.changed' AND product_id = 21")).isOne();
  }

  @Test
  void theMigrationSeedsTheBadgeThresholds() {
    assertThat(sql.text("SELECT string_agg(name || ':' || min_points, ',' ORDER BY min_points) FROM badges"))
        .isEqualTo("Bronze:0,Silver:500,Gold:1500,Platinum:5000");
  }
}
