package dev.storefront.observability;

import static dev.storefront.support.Contract.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.SentryIngest;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObservabilityTest {
  static SentryIngest ingest;
  static TestApp t;

  @BeforeAll
  static void start() {
    ingest = SentryIngest.start();
    t = TestApp.start("observability", Map.of(
        "SENTRY_DSN", ingest.dsn(1),
        "APP_ENVIRONMENT", "ci", "APP_RELEASE", "storefront-api@test"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    ingest.close();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return t.get(uri);
  }

  @Test
  void everyResponseCarriesARequestIdAndEchoesASafeOne() {
    assertThat(get("/api/v1/products/1").getHeader("X-Request-Id")).matches("[0-9a-f]{32}");
    HttpResponse<Buffer> echoed = valid("getProduct",
        t.client.get("/api/v1/products/1").putHeader("X-Request-Id", "abc-123-def-456").send().await());
    assertThat(echoed.getHeader("X-Request-Id")).isEqualTo("abc-123-def-456");
    HttpResponse<Buffer> unsafe = valid("getProduct",
        t.client.get("/api/v1/products/1").putHeader("X-Request-Id", "<script>").send().await());
    assertThat(unsafe.getHeader("X-Request-Id")).matches("[0-9a-f]{32}");
  }

  @Test
  void metricsAreLabelledByRouteTemplateNeverByRawPath() {
    get("/api/v1/products/1");
    get("/api/v1/products/2");
    get("/api/v1/products/abc");
    get("/no/such/route/123");
    get("/api/v1/products?category=11");
    t.client.request(io.vertx.core.http.HttpMethod.valueOf("FOO1"), "/api/v1/products/1").send().await();
    HttpResponse<Buffer> scrape = t.management("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
    String metrics = scrape.bodyAsString();
    assertThat(metrics).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/v1/products/{id}\",status=\"2xx\"");
    assertThat(metrics).contains("route=\"/api/v1/products/{id}\",status=\"4xx\"");
    assertThat(metrics).contains("route=\"unmatched\",status=\"4xx\"");
    assertThat(metrics).doesNotContain("/api/v1/products/1\"").doesNotContain("route=\"/no/such");
    assertThat(metrics).contains("method=\"OTHER\"").doesNotContain("FOO1");
    assertThat(metrics).contains("cache_requests_total{cache=\"pdp\",result=\"miss\",tier=\"db\"}");
    assertThat(metrics).contains("cache_load_seconds_count{cache=\"pdp\"}");
    assertThat(metrics).contains("jvm_memory_used_bytes");
    assertThat(metrics).containsPattern("vertx_pool_[a-z_]+\\{[^}]*pool_name=\"postgresql\"");
    assertThat(metrics).containsPattern("vertx_pool_[a-z_]+\\{[^}]*pool_name=\"redis\"");
  }

  @Test
  void aClientThatLeavesBeforeItsAnswerIsCountedAs4xxNeverAsASuccess() throws Exception {
    // The body never arrives, so no operation is matched yet: the request counts as "unmatched".
    long failedBefore = count("PATCH", "unmatched", "4xx");
    long succeededBefore = count("PATCH", "unmatched", "2xx");
    var net = t.app.vertx().createNetClient();
    try {
      var socket = net.connect(t.app.port(), "127.0.0.1").await();
      socket.write("PATCH /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"re").await();
      Thread.sleep(200);
      socket.close().await();
      long deadline = System.currentTimeMillis() + 5_000;
      while (count("PATCH", "unmatched", "4xx") == failedBefore && System.currentTimeMillis() < deadline) Thread.sleep(20);
    } finally {
      net.close().await();
    }
    assertThat(count("PATCH", "unmatched", "4xx")).isEqualTo(failedBefore + 1);
    assertThat(count("PATCH", "unmatched", "2xx")).as("nothing was answered").isEqualTo(succeededBefore);
  }

  private static long count(String method, String route, String status) {
    var timer = t.app.registry().find("http_server_requests").tags("method", method, "route", route, "status", status)
        .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void probesReportLiveAndReadyOnTheManagementPort() {
    HttpResponse<Buffer> live = t.management("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    HttpResponse<Buffer> ready = t.management("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getMap())
        .containsEntry("postgresql", "UP").containsEntry("redis", "UP");
  }

  @Test
  void theManagementPortAnswersHeadLikeGetAndUnknownPathsWithAProblem() {
    for (String uri : List.of("/metrics", "/health/live", "/health/ready")) {
      HttpResponse<Buffer> head = t.management.head(uri).send().await();
      assertThat(head.statusCode()).as(uri).isEqualTo(200);
      assertThat(head.getHeader("Content-Type")).as(uri).isEqualTo(t.management(uri).getHeader("Content-Type"));
      assertThat(head.body()).as(uri).satisfiesAnyOf(b -> assertThat(b).isNull(), b -> assertThat(b.length()).isZero());
    }
    for (String uri : List.of("/nope", "/metrics/x", "/")) {
      HttpResponse<Buffer> r = t.management(uri);
      assertThat(r.statusCode()).as(uri).isEqualTo(404);
      assertThat(r.getHeader("Content-Type")).as(uri).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("type")).as(uri).isEqualTo("/problems/not-found");
    }
    HttpResponse<Buffer> post = t.management.post("/metrics").send().await();
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.getHeader("Allow")).isEqualTo("GET, HEAD");
    assertThat(post.bodyAsJsonObject().getString("type")).isEqualTo("/problems/method-not-allowed");
  }

  @Test
  void metricsAndProbesAreNotOnThePublicPort() {
    assertThat(t.app.managementPort()).isNotEqualTo(t.app.port());
    for (String uri : List.of("/metrics", "/health/live", "/health/ready")) {
      HttpResponse<Buffer> r = get(uri);
      assertThat(r.statusCode()).as(uri).isEqualTo(404);
      assertThat(r.bodyAsString()).as(uri).doesNotContain("jvm_").doesNotContain("UP");
    }
  }

  @Test
  void rapidScrapesShareOneRendering() throws Exception {
    List<io.vertx.core.Future<HttpResponse<Buffer>>> parallel = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) parallel.add(t.management.get("/metrics").send());
    io.vertx.core.Future.all(parallel).await();
    // Uptime and JVM figures change between renderings: identical bodies mean one rendering.
    assertThat(parallel.stream().map(f -> f.result().bodyAsString()).distinct()).hasSize(1);
    String first = parallel.get(0).result().bodyAsString();
    Thread.sleep(1_200);
    assertThat(t.management("/metrics").bodyAsString()).as("a second later the figures are fresh").isNotEqualTo(first);
  }

  @Test
  void schemaAndDocsAreServedLocally() {
    HttpResponse<Buffer> schema = valid("getSchema", get("/schema"));
    assertThat(schema.bodyAsString()).startsWith("openapi: 3.1.0");
    HttpResponse<Buffer> docs = valid("getDocs", get("/docs"));
    assertThat(docs.bodyAsString()).contains("<redoc spec-url=\"/schema\">").contains("/docs/assets/redoc.standalone.js")
        .doesNotContain("cdn.");
    assertThat(valid("getDocsAsset", get("/docs/assets/redoc.standalone.js")).body().length()).isGreaterThan(500_000);
    assertThat(get("/docs/assets/nope.js").statusCode()).isEqualTo(404);
  }

  @Test
  void aServerFailureIsA500ProblemAndReachesSentryWithoutSecrets() throws Exception {
    var db = t.config.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.createStatement().execute("ALTER TABLE " + t.config.databaseSchema() + ".products RENAME TO products_gone");
    }
    try {
      HttpResponse<Buffer> r = valid("getProduct", t.client.get("/api/v1/products/4242")
          .putHeader("Authorization", "Bearer secret-token-value").send().await());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsString()).doesNotContain("products_gone").doesNotContain("Exception");
      String requestId = r.getHeader("X-Request-Id");
      long deadline = System.currentTimeMillis() + 10_000;
      while (ingest.envelopes().stream().noneMatch(e -> e.contains(requestId)) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      String event = ingest.envelopes().stream().filter(e -> e.contains(requestId)).findFirst()
          .orElseThrow(() -> new AssertionError("no Sentry event for request " + requestId + " in " + ingest.envelopes()));
      assertThat(event).contains("\"route\":\"/api/v1/products/{id}\"").contains("\"method\":\"GET\"")
          .contains("\"release\":\"storefront-api@test\"").contains("\"environment\":\"ci\"");
      assertThat(event).doesNotContain("secret-token-value").doesNotContain("Authorization");
    } finally {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.createStatement().execute("ALTER TABLE " + t.config.databaseSchema() + ".products_gone RENAME TO products");
      }
    }
  }
}
