package dev.storefront.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.SseClient;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What streams hold and give back: slots, consumers, timers; stalled readers; caps; their own metrics. */
class StreamLifecycleTest {
  static TestApp t;
  static Sql sql;

  @BeforeAll
  static void start() {
    t = TestApp.start("stream_lifecycle", Map.of("SSE_MAX_STREAMS_PER_IP", "5000", "SSE_STALL_SECONDS", "1"));
    sql = new Sql(t.config);
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) Thread.sleep(20);
  }

  @Test
  void afterAThousandStreamsOpenAndCloseNothingIsHeld() throws Exception {
    StreamMetrics metrics = t.app.streamMetrics();
    HttpClient http = t.clientVertx().createHttpClient(new HttpClientOptions().setKeepAlive(false),
        new PoolOptions().setHttp1MaxSize(1_000));
    List<Future<HttpClientResponse>> opened = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String uri = i % 2 == 0 ? "/api/v1/inventory/stream" : "/api/v1/inventory/stream?products=" + (i % 300 + 1);
      opened.add(http.request(new RequestOptions().setHost("127.0.0.1").setPort(t.app.port()).setURI(uri))
          .compose(request -> request.send()));
    }
    try {
      Future.all(opened).await();
      assertThat(opened).allMatch(f -> f.result().statusCode() == 200);
      await(() -> metrics.openStreams() == 1_000 && metrics.consumers() == 1_000, 10_000);
      assertThat(metrics.openStreams()).isEqualTo(1_000);
      assertThat(metrics.consumers()).isEqualTo(1_000);
    } finally {
      http.close().await();
    }
    await(() -> metrics.openStreams() == 0 && metrics.consumers() == 0, 10_000);
    assertThat(metrics.openStreams()).isZero();
    assertThat(metrics.consumers()).isZero();
    String scrape = t.freshMetrics();
    assertThat(scrape).contains("sse_streams_open{stream=\"inventory\"} 0.0");
    assertThat(scrape).contains("sse_streams_ended_total{reason=\"client-closed\",stream=\"inventory\"} 1000.0");
    assertThat(scrape).as("streams are not requests in the latency histogram")
        .doesNotContain("route=\"/api/v1/inventory/stream\",status=\"2xx\"");
  }

  @Test
  void aReaderThatStopsReadingIsDisconnectedNotBufferedWithoutBound() throws Exception {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", t.app.port()));
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/v1/inventory/stream?products=99 HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await(() -> t.app.streamMetrics().openStreams() == 1, 5_000);
      // About 20 MB of events for the product it follows, and not one byte read.
      sql.update("INSERT INTO events (type, product_id, payload) SELECT 'stock.changed', 99, "
          + "jsonb_build_object('productId', 99, 'stock', g, 'inStock', true, 'pad', repeat('x', 4000)) "
          + "FROM generate_series(1, 5000) g");
      await(() -> t.app.streamMetrics().openStreams() == 0, 20_000);
      assertThat(t.app.streamMetrics().openStreams()).isZero();
      assertThat(t.app.streamMetrics().consumers()).isZero();
      assertThat(t.freshMetrics())
          .contains("sse_streams_ended_total{reason=\"stalled\",stream=\"inventory\"} 1.0");
    }
  }

  @Test
  void aHeadRequestGetsTheHeadersAndHoldsNoStream() throws Exception {
    var head = t.client.head("/api/v1/inventory/stream").send().await();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
    assertThat(t.app.streamMetrics().openStreams()).isZero();
  }

  @Test
  void streamsBeyondThePerAddressCapGet429() throws Exception {
    App capped = t.startSibling(Map.of("SSE_MAX_STREAMS_PER_IP", "2"));
    try (SseClient one = t.stream(capped.port(), "/api/v1/inventory/stream", Map.of());
        SseClient two = t.stream(capped.port(), "/api/v1/inventory/stream", Map.of());
        SseClient three = t.stream(capped.port(), "/api/v1/inventory/stream", Map.of())) {
      assertThat(one.status()).isEqualTo(200);
      assertThat(two.status()).isEqualTo(200);
      assertThat(three.status()).isEqualTo(429);
      assertThat(three.headers().get("Content-Type")).isEqualTo("application/problem+json");
      assertThat(three.headers().get("Retry-After")).isNotNull();
    } finally {
      capped.close().await();
    }
  }

  @Test
  void theAddressesOfOneIpv6Slash64ShareThePerAddressCap() throws Exception {
    App capped = t.startSibling(Map.of("SSE_MAX_STREAMS_PER_IP", "2", "TRUSTED_PROXIES", "127.0.0.1"));
    try (SseClient one = t.stream(capped.port(), "/api/v1/inventory/stream", Map.of("X-Forwarded-For", "2001:db8:1:1::1"));
        SseClient two = t.stream(capped.port(), "/api/v1/inventory/stream", Map.of("X-Forwarded-For", "2001:db8:1:1::2"));
        SseClient three = t.stream(capped.port(), "/api/v1/inventory/stream",
            Map.of("X-Forwarded-For", "2001:db8:1:1:0:0:0:3"));
        SseClient elsewhere = t.stream(capped.port(), "/api/v1/inventory/stream",
            Map.of("X-Forwarded-For", "2001:db8:1:2::1"))) {
      assertThat(one.status()).isEqualTo(200);
      assertThat(two.status()).isEqualTo(200);
      assertThat(three.status()).as("a third address of the same /64").isEqualTo(429);
      assertThat(elsewhere.status()).as("another /64").isEqualTo(200);
    } finally {
      capped.close().await();
    }
  }
}
