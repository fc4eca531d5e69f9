package dev.storefront.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AccessLogTest {

  @Test
  void writesOneJsonLinePerRequestWithTheRequestFields() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AccessLog log = new AccessLog(out, new SimpleMeterRegistry());
    for (int i = 0; i < 1000; i++) log.log("req-" + i, "GET", "/api/v1/products/{id}", 200, 0.1234567);
    log.log("req-last", "PUT", "/api/v1/admin/products/{id}/stock", 413, 2.5);
    log.close();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1001);
    JsonObject first = new JsonObject(lines[0]);
    assertThat(first.getString("requestId")).isEqualTo("req-0");
    assertThat(first.getString("route")).isEqualTo("/api/v1/products/{id}");
    assertThat(first.getString("logger_name")).isEqualTo("access");
    assertThat(first.getInteger("status")).isEqualTo(200);
    assertThat(first.getDouble("durationMs")).isEqualTo(0.123);
    assertThat(first.getString("@timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    JsonObject last = new JsonObject(lines[1000]);
    assertThat(last.getString("method")).isEqualTo("PUT");
    assertThat(last.getInteger("status")).isEqualTo(413);
  }

  @Test
  void anEventStreamGetsOneLineWhenItEndsWithWhatItSentAndWhy() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AccessLog log = new AccessLog(out, new SimpleMeterRegistry());
    log.logStream("req-s", "/api/v1/inventory/stream", 61_000.5, 42, "client-closed");
    log.log("req-r", "GET", "/api/v1/products/{id}", 200, 1);
    log.close();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    JsonObject stream = new JsonObject(lines[0]);
    assertThat(stream.getString("route")).isEqualTo("/api/v1/inventory/stream");
    assertThat(stream.getDouble("durationMs")).isEqualTo(61_000.5);
    assertThat(stream.getLong("events")).isEqualTo(42);
    assertThat(stream.getString("endReason")).isEqualTo("client-closed");
    assertThat(new JsonObject(lines[1]).containsKey("endReason")).isFalse();
  }

  @Test
  void dropsAndCountsLinesRatherThanBlockWhenTheWriterIsStuck() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.io.OutputStream stuck = new java.io.OutputStream() {
      @Override
      public void write(int b) {}

      @Override
      public void write(byte[] b, int off, int len) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    AccessLog log = new AccessLog(stuck, registry);
    long start = System.nanoTime();
    for (int i = 0; i < 100_000; i++) log.log("r", "GET", "/x", 200, 1);
    assertThat((System.nanoTime() - start) / 1_000_000).as("never waits for the writer").isLessThan(5_000);
    assertThat(registry.get("access_log_dropped").counter().count()).isPositive();
    release.countDown();
    log.close();
  }

  @Test
  void linesFromManyThreadsAllArriveWholeAndALoneLineSoon() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AccessLog log = new AccessLog(out, new SimpleMeterRegistry());
    log.log("alone", "GET", "/api/v1/categories", 200, 1);
    long deadline = System.currentTimeMillis() + 2_000;
    while (!out.toString(StandardCharsets.UTF_8).contains("alone") && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).as("written without waiting for a full buffer").contains("alone");

    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 5_000; i++) log.log("t" + id + "-" + i, "GET", "/api/v1/products/{id}", 200, 0.5);
      });
      threads[t].start();
    }
    for (Thread t : threads) t.join();
    log.close();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1 + 4 * 5_000);
    java.util.Set<String> ids = new java.util.HashSet<>();
    int[] lastOfThread = {-1, -1, -1, -1};
    for (String line : lines) {
      String id = new JsonObject(line).getString("requestId");
      ids.add(id);
      if (id.equals("alone")) continue;
      int thread = id.charAt(1) - '0';
      int n = Integer.parseInt(id.substring(id.indexOf('-') + 1));
      assertThat(n).as("each thread's lines in the order it logged them").isGreaterThan(lastOfThread[thread]);
      lastOfThread[thread] = n;
    }
    assertThat(ids).hasSize(lines.length);
  }

  @Test
  void everyLineNamesItsOwnMethodAndRouteHoweverManyPairsAndStringInstancesThereAre() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AccessLog log = new AccessLog(out, new SimpleMeterRegistry());
    String[] methods = {"GET", "POST", "PUT", "DELETE"};
    String[] routes = new String[40];
    for (int r = 0; r < routes.length; r++) routes[r] = "/api/v1/r" + r;
    for (int i = 0; i < 400; i++) {
      // Forty routes, the same instances and fresh equal ones: more pairs than are kept encoded.
      String method = i % 3 == 0 ? new String(methods[i % methods.length]) : methods[i % methods.length];
      String route = i % 2 == 0 ? routes[i * 7 % 40] : new String(routes[i * 7 % 40]);
      log.log("id-" + i, method, route, 200 + i % 300, i);
    }
    log.close();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(400);
    for (int i = 0; i < 400; i++) {
      JsonObject line = new JsonObject(lines[i]);
      String method = methods[i % methods.length];
      String route = "/api/v1/r" + (i * 7 % 40);
      int status = 200 + i % 300;
      assertThat(line.getString("requestId")).isEqualTo("id-" + i);
      assertThat(line.getString("method")).isEqualTo(method);
      assertThat(line.getString("route")).isEqualTo(route);
      assertThat(line.getInteger("status")).isEqualTo(status);
      assertThat(line.getString("message")).isEqualTo(method + " " + route + " " + status);
      assertThat(line.getDouble("durationMs")).isEqualTo(i);
    }
  }

  @Test
  void aValueThatWouldBreakTheJsonIsReplacedNotWritten() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AccessLog log = new AccessLog(out, new SimpleMeterRegistry());
    log.log("id\"x", "GET", "/a\\b\n", 200, 1);
    log.close();
    JsonObject line = new JsonObject(out.toString(StandardCharsets.UTF_8).trim());
    assertThat(line.getString("requestId")).isEqualTo("id?x");
    assertThat(line.getString("route")).isEqualTo("/a?b?");
  }
}
