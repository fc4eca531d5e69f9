package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
 * A one-connection request pool whose product reads are held by a table lock, and at most four
 * cache loads at once: what a cold cache under full traffic does, made deterministic.
 */
class LoadSheddingTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    // A long statement timeout so that the held reads keep the pool full for the whole test.
    t = TestApp.start("load_shedding", Map.of("DATABASE_POOL_SIZE", "1", "DATABASE_TIMEOUT_MS", "20000",
        "CACHE_MAX_CONCURRENT_LOADS", "4"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  /** Takes an exclusive lock on the products table until the connection rolls back. */
  private static Connection lockProducts() throws Exception {
    var db = t.config.database();
    Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    c.setAutoCommit(false);
    c.createStatement().execute("LOCK TABLE " + t.config.databaseSchema() + ".products IN ACCESS EXCLUSIVE MODE");
    return c;
  }

  private static List<Future<HttpResponse<Buffer>>> burst(int firstId, int count) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int id = firstId; id < firstId + count; id++) sent.add(t.client.get("/api/v1/products/" + id).send());
    return sent;
  }

  private static double l1Hits() {
    Counter c = t.app.registry().find("cache_requests").tags("cache", "pdp", "result", "hit", "tier", "l1").counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aSaturatedPoolAnswersFast503sWithRetryAfterAndNever500() throws Exception {
    List<Future<HttpResponse<Buffer>>> sent;
    List<HttpResponse<Buffer>> whileSaturated = new ArrayList<>();
    try (Connection lock = lockProducts()) {
      sent = burst(100, 60);
      Thread.sleep(2_500); // every load past the cap has been refused by now
      for (var f : sent) if (f.isComplete()) whileSaturated.add(f.result());
      lock.rollback();
    }
    Future.join(sent).await();
    // Four loads are held by the lock; the rest were shed without waiting for the pool.
    assertThat(whileSaturated.size()).isGreaterThanOrEqualTo(60 - 4);
    for (HttpResponse<Buffer> r : whileSaturated) {
      Contract.checked(HttpMethod.GET, "/api/v1/products/1", r);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.getHeader("Retry-After")).isEqualTo("1");
      assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/service-unavailable");
    }
    for (var f : sent) assertThat(f.result().statusCode()).isIn(200, 503);
  }

  @Test
  void theChangeFeedKeepsPollingWhileTheRequestPoolIsSaturated() throws Exception {
    assertThat(t.get("/api/v1/products/7").statusCode()).isEqualTo(200);
    try (Connection lock = lockProducts()) {
      List<Future<HttpResponse<Buffer>>> sent = burst(200, 40);
      // Longer than the feed may lag before the caches stop trusting their L1.
      Thread.sleep(2_000);
      double before = l1Hits();
      assertThat(t.get("/api/v1/products/7").statusCode()).isEqualTo(200);
      assertThat(l1Hits() - before).as("served from the L1, so the feed is in sync").isEqualTo(1);
      lock.rollback();
      Future.join(sent).await();
    }
  }
}
