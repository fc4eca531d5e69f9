package dev.storefront.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write that waits for a connection of a saturated pool and gets none in time is load being
 * shed: a 503 with {@code Retry-After}, as for a read. A transaction's wait for a connection fails
 * differently from a single query's (the SQL client raises a bare "Timeout" for it), and answered
 * 500 before.
 */
class TransactionPoolBusyTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("tx_pool_busy", Map.of("DATABASE_POOL_SIZE", "1", "DATABASE_TIMEOUT_MS", "1500"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  @Test
  void writesQueuedBehindABlockedConnectionAnswer503WithRetryAfterNever500() throws Exception {
    String admin = t.adminToken();
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    var db = t.config.database();
    try (Connection lock = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      lock.setAutoCommit(false);
      // The one pooled connection's statement waits on this lock; the other writes wait for the pool.
      lock.createStatement().execute("LOCK TABLE " + t.config.databaseSchema() + ".products IN ACCESS EXCLUSIVE MODE");
      for (int i = 0; i < 10; i++) {
        sent.add(t.client.put("/api/v1/admin/products/" + (200 + i) + "/stock")
            .putHeader("Authorization", "Bearer " + admin).putHeader("Content-Type", "application/json")
            .sendBuffer(new JsonObject().put("stock", 7).toBuffer()));
      }
      Future.join(sent).await();
      lock.rollback();
    }
    int poolBusy = 0;
    for (var f : sent) {
      HttpResponse<Buffer> r = f.result();
      assertThat(r.statusCode()).as("%s", r.bodyAsString()).isEqualTo(503);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.getHeader("Retry-After")).isNotNull();
      if (PoolBusy.RETRY_AFTER_SECONDS.equals(r.getHeader("Retry-After"))
          && PoolBusy.DETAIL.equals(r.bodyAsJsonObject().getString("detail"))) {
        poolBusy++;
      }
    }
    assertThat(poolBusy).as("writes that got no connection in time").isPositive();
  }
}
