package dev.storefront.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.SseClient;
import dev.storefront.support.SseClient.Frame;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public stock stream: format, filter, delivery across instances, and the PDP evicted by the same event. */
class InventoryStreamTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("inventory_stream", Map.of("SSE_HEARTBEAT_SECONDS", "1"));
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }


  @Test
  void aStreamStartsWithARetryHintThenSendsEachStockChangeWithItsIdAndCommitTime() throws Exception {
    try (SseClient sse = t.stream("/api/v1/inventory/stream", Map.of())) {
      assertThat(sse.status()).isEqualTo(200);
      assertThat(sse.headers().get("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(sse.headers().get("Cache-Control")).isEqualTo("no-cache");
      assertThat(sse.headers().get("X-Accel-Buffering")).isEqualTo("no");
      assertThat(sse.headers().get("X-Request-Id")).isNotBlank();
      Frame first = sse.next(2_000);
      assertThat(first.retry()).isEqualTo(3_000);

      t.setStock(5, 0);
      Frame stock = sse.next("stock", 2_000);
      assertThat(stock).isNotNull();
      JsonObject data = new JsonObject(stock.data());
      assertThat(data.getLong("productId")).isEqualTo(5);
      assertThat(data.getInteger("stock")).isZero();
      assertThat(data.getBoolean("inStock")).isFalse();
      assertThat(data.getString("at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      assertThat(stock.id()).isEqualTo(sql.scalar("SELECT max(id) FROM events WHERE product_id = 5"));
      Frame heartbeat = sse.next(2_500);
      assertThat(heartbeat.comment()).isEqualTo("heartbeat");
      assertThat(t.freshMetrics())
          .containsPattern("sse_delivery_lag_seconds_count [1-9]")
          .containsPattern("sse_events_delivered_total\\{stream=\"inventory\"} [1-9]")
          .contains("sse_streams_open{stream=\"inventory\"} 1.0");
    }
  }

  @Test
  void aProductFilterPassesOnlyThoseProducts() throws Exception {
    try (SseClient sse = t.stream("/api/v1/inventory/stream?products=7,8", Map.of())) {
      t.setStock(6, 11);
      t.setStock(8, 12);
      Frame frame = sse.next("stock", 2_000);
      assertThat(new JsonObject(frame.data()).getLong("productId")).isEqualTo(8);
    }
    assertThat(t.get("/api/v1/inventory/stream?products=1,x").statusCode()).isEqualTo(400);
    assertThat(t.get("/api/v1/inventory/stream?products=0").statusCode()).isEqualTo(400);
  }

  @Test
  void aStockChangeOnOneInstanceReachesAStreamOnAnotherWithinASecondAndItsNextPageShowsIt() throws Exception {
    App b = t.startSibling(Map.of("CACHE_L1_TTL_MS", "600000"));
    try (SseClient sse = t.stream(b.port(), "/api/v1/inventory/stream?products=9", Map.of())) {
      var onB = io.vertx.ext.web.client.WebClient.create(t.clientVertx(),
          new io.vertx.ext.web.client.WebClientOptions().setDefaultPort(b.port()).setDefaultHost("127.0.0.1"));
      int before = onB.get("/api/v1/products/9").send().await().bodyAsJsonObject().getInteger("stock");
      int next = before == 77 ? 78 : 77;
      long committed = System.currentTimeMillis();
      t.setStock(9, next);
      Frame frame = sse.next("stock", 1_000);
      assertThat(frame).as("delivered on B within 1 s of the commit on A").isNotNull();
      assertThat(frame.receivedMs() - committed).isLessThan(1_000);
      assertThat(new JsonObject(frame.data()).getInteger("stock")).isEqualTo(next);
      assertThat(onB.get("/api/v1/products/9").send().await().bodyAsJsonObject().getInteger("stock")).isEqualTo(next);
      onB.close();
    } finally {
      b.close().await();
    }
  }
}
