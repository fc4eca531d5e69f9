package dev.storefront.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.SseClient;
import dev.storefront.support.SseClient.Frame;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Last-Event-ID: history then live, no gap, no duplicate, on any instance; a lost position gets a reset. */
class StreamResumeTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("stream_resume");
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }


  static List<Integer> stocks(List<Frame> frames) {
    return frames.stream().map(f -> new JsonObject(f.data()).getInteger("stock")).toList();
  }

  static List<Integer> range(int from, int to) {
    List<Integer> values = new ArrayList<>();
    for (int i = from; i <= to; i++) values.add(i);
    return values;
  }

  @Test
  void cutAfter40Of100AndResumedFrom40TheClientGets41To100ExactlyOnceInOrderWhileMoreArrive() throws Exception {
    String uri = "/api/v1/inventory/stream?products=50";
    long lastSeen;
    try (SseClient sse = t.stream(uri, Map.of())) {
      for (int i = 1; i <= 40; i++) t.setStock(50, i);
      List<Frame> first = sse.take("stock", 40, 10_000);
      assertThat(stocks(first)).isEqualTo(range(1, 40));
      lastSeen = first.get(39).id();
    }
    // Events 41..100 are written while the client is away and while it reconnects.
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int i = 41; i <= 100; i++) t.setStock(50, i);
    });
    while (sql.scalar("SELECT count(*) FROM events WHERE product_id = 50 AND id > ?", lastSeen) < 20) Thread.sleep(5);
    try (SseClient sse = t.stream(uri, Map.of("Last-Event-ID", Long.toString(lastSeen)))) {
      writer.join();
      List<Frame> rest = sse.take("stock", 60, 10_000);
      assertThat(stocks(rest)).isEqualTo(range(41, 100));
      assertThat(rest).extracting(Frame::id).isSorted().doesNotHaveDuplicates();
      assertThat(sse.next("stock", 1_000)).as("nothing twice").isNull();
      t.setStock(50, 101);
      assertThat(stocks(sse.take("stock", 1, 2_000))).as("then live").containsExactly(101);
    }
  }

  @Test
  void aStreamCutByItsInstanceStoppingResumesOnAnotherWithoutLossOrDuplicate() throws Exception {
    String uri = "/api/v1/inventory/stream?products=51";
    App a = t.startSibling(Map.of());
    long lastSeen;
    try (SseClient sse = t.stream(a.port(), uri, Map.of())) {
      for (int i = 1; i <= 10; i++) t.setStock(51, i);
      List<Frame> first = sse.take("stock", 10, 5_000);
      assertThat(stocks(first)).isEqualTo(range(1, 10));
      lastSeen = first.get(9).id();
      a.close().await();
      Frame last = sse.next("shutdown", 2_000);
      assertThat(last).as("the stopping instance says so, with a reconnect hint").isNotNull();
      assertThat(last.retry()).isEqualTo(3_000);
    }
    for (int i = 11; i <= 20; i++) t.setStock(51, i);
    try (SseClient sse = t.stream(uri + "&lastEventId=" + lastSeen, Map.of())) {
      assertThat(stocks(sse.take("stock", 10, 5_000))).isEqualTo(range(11, 20));
      assertThat(sse.next("stock", 1_000)).isNull();
    }
  }

  @Test
  void anIdOlderThanTheRetentionOrUnknownGetsAResetAndThenLiveEvents() throws Exception {
    t.setStock(52, 1);
    long old = sql.scalar("SELECT max(id) FROM events");
    sql.update("UPDATE events_pruned SET through_id = ?", old + 1);
    try {
      t.setStock(52, 2);
      // The feed reads on a wake-up: wait until it has handed on that change, so it is not live below.
      long second = sql.scalar("SELECT max(id) FROM events");
      long deadline = System.currentTimeMillis() + 3_000;
      while (t.app.eventFeed().position() < second && System.currentTimeMillis() < deadline) Thread.sleep(10);
      long current = t.app.eventFeed().position();
      assertThat(current).isGreaterThanOrEqualTo(second);
      try (SseClient sse = t.stream("/api/v1/inventory/stream?products=52",
          Map.of("Last-Event-ID", Long.toString(old - 1)))) {
        Frame reset = sse.next("reset", 2_000);
        assertThat(new JsonObject(reset.data()).getString("reason")).isEqualTo("expired");
        assertThat(reset.id()).isGreaterThanOrEqualTo(current);
        t.setStock(52, 3);
        assertThat(stocks(sse.take("stock", 1, 2_000))).containsExactly(3);
      }
    } finally {
      sql.update("UPDATE events_pruned SET through_id = 0");
    }
    try (SseClient sse = t.stream("/api/v1/inventory/stream",
        Map.of("Last-Event-ID", "999999999"))) {
      assertThat(new JsonObject(sse.next("reset", 2_000).data()).getString("reason")).isEqualTo("unknown-id");
    }
    try (SseClient sse = t.stream("/api/v1/inventory/stream",
        Map.of("Last-Event-ID", "abc"))) {
      assertThat(sse.status()).isEqualTo(400);
    }
  }

  @Test
  void everyIdTheContractAllowsIsAcceptedAndABadOneIsNamedWhereItCameFrom() throws Exception {
    String max = Long.toString(Long.MAX_VALUE);
    for (String uri : new String[] {"/api/v1/inventory/stream?lastEventId=" + max,
        "/api/v1/inventory/stream?lastEventId=1000000000000000000", "/api/v1/inventory/stream?products=" + max}) {
      try (SseClient sse = t.stream(uri, Map.of())) {
        assertThat(sse.status()).as(uri).isEqualTo(200);
      }
    }
    try (SseClient sse = t.stream("/api/v1/inventory/stream", Map.of("Last-Event-ID", max))) {
      assertThat(sse.status()).isEqualTo(200);
    }
    try (SseClient sse = t.stream("/api/v1/inventory/stream?products=9223372036854775808", Map.of())) {
      assertThat(sse.status()).isEqualTo(400);
    }
    HttpResponse<Buffer> query = t.get("/api/v1/inventory/stream?lastEventId=x1");
    assertThat(query.statusCode()).isEqualTo(400);
    assertThat(query.bodyAsJsonObject().getString("detail")).startsWith("lastEventId");
  }
}
