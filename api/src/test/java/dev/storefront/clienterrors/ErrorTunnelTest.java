package dev.storefront.clienterrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The browser error tunnel against a stand-in for Sentry's ingest, over TCP. */
class ErrorTunnelTest {
  record Received(String path, String contentType, Buffer body) {}

  static final Vertx ingestVertx = Vertx.vertx();
  static final List<Received> received = new CopyOnWriteArrayList<>();
  static final AtomicReference<String> mode = new AtomicReference<>("ok");
  static final AtomicInteger addresses = new AtomicInteger();
  static HttpServer ingest;
  static String dsn;
  static TestApp t;

  @BeforeAll
  static void start() {
    ingest = ingestVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      received.add(new Received(req.path(), req.getHeader("Content-Type"), body));
      switch (mode.get()) {
        case "hang" -> { }
        case "fail" -> req.response().setStatusCode(500).end("{\"detail\":\"internal\"}");
        case "limited" -> req.response().setStatusCode(429).putHeader("Retry-After", "7")
            .putHeader("X-Sentry-Rate-Limits", "60:error:organization").end();
        default -> req.response().setStatusCode(200).putHeader("X-Sentry-Rate-Limits", "")
            .end("{\"id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}");
      }
    })).listen(0, "127.0.0.1").await();
    dsn = "http://browserkey@127.0.0.1:" + ingest.actualPort() + "/42";
    t = TestApp.start("error_tunnel", Map.of("SENTRY_BROWSER_DSN", dsn, "ERROR_TUNNEL_RATE_LIMIT_PER_MINUTE", "5",
        "ERROR_TUNNEL_TIMEOUT_MS", "500", "TRUSTED_PROXIES", "127.0.0.1",
        "PAYMENT_PAGE_URL", "https://pay.example.test/checkout", "APP_RELEASE", "storefront-api@9.9.9",
        "APP_ENVIRONMENT", "ci", "FLAGS_CLIENT_REFRESH_SECONDS", "7"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    ingestVertx.close().await();
  }

  @BeforeEach
  void reset() {
    mode.set("ok");
    received.clear();
  }

  /** A fresh client address per call site, so rate budgets do not carry over between checks. */
  static String address() {
    int n = addresses.incrementAndGet();
    return "198.51." + (n / 250) + "." + (1 + n % 250);
  }

  /** An envelope as the browser SDK builds it: a header line, an event, and a binary attachment. */
  static Buffer envelope(String headerDsn) {
    JsonObject header = new JsonObject().put("event_id", "9ec79c33ec9942ab8353589fcb2e04dc")
        .put("sent_at", "2026-11-27T03:00:00.000Z").put("sdk", new JsonObject().put("name", "sentry.javascript.browser"));
    if (headerDsn != null) header.put("dsn", headerDsn);
    return Buffer.buffer(header.encode()).appendString("\n{\"type\":\"event\"}\n")
        .appendString("{\"message\":\"boom \\u0000 \\ud800\",\"release\":\"storefront-api@9.9.9\"}\n")
        .appendString("{\"type\":\"attachment\",\"length\":4,\"filename\":\"a.bin\"}\n")
        .appendBytes(new byte[] {(byte) 0xFF, 0, (byte) 0xC0, (byte) 0x80}).appendString("\n");
  }

  static HttpResponse<Buffer> post(WebClient client, String contentType, Buffer body, String from) {
    var request = client.post("/api/v1/errors").putHeader("X-Forwarded-For", from);
    if (contentType != null) request.putHeader("Content-Type", contentType);
    return Contract.checked(HttpMethod.POST, "/api/v1/errors", request.sendBuffer(body).await());
  }

  static HttpResponse<Buffer> post(Buffer body) {
    return post(t.client, "text/plain;charset=UTF-8", body, address());
  }

  static double forwarded() {
    return t.app.registry().get("browser_error_envelopes").tag("outcome", "forwarded").counter().count();
  }

  @Test
  void anEnvelopeIsForwardedByteForByteToTheProjectsIngestPath() {
    double before = forwarded();
    Buffer sent = envelope(dsn);
    HttpResponse<Buffer> r = post(sent);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("forwarded", true));
    assertThat(received).hasSize(1);
    assertThat(received.get(0).path()).isEqualTo("/api/42/envelope/");
    assertThat(received.get(0).contentType()).isEqualTo("application/x-sentry-envelope");
    assertThat(received.get(0).body().getBytes()).isEqualTo(sent.getBytes());
    assertThat(post(t.client, "application/x-sentry-envelope", sent, address()).statusCode()).isEqualTo(200);
    assertThat(post(t.client, null, sent, address()).statusCode()).as("no Content-Type").isEqualTo(200);
    assertThat(received).hasSize(3);
    assertThat(forwarded()).isEqualTo(before + 3);
  }

  @Test
  void anotherProjectHostOrPortAndMalformedEnvelopesAreRefusedAndNothingIsForwarded() {
    String port = Integer.toString(ingest.actualPort());
    for (String other : new String[] {"http://browserkey@127.0.0.1:" + port + "/43",
        "http://browserkey@evil.example:" + port + "/42", "http://browserkey@127.0.0.1:1/42"}) {
      HttpResponse<Buffer> r = post(envelope(other));
      assertThat(r.statusCode()).as(other).isEqualTo(403);
      assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/foreign-dsn");
    }
    assertThat(post(envelope("http://anotherkey@127.0.0.1:" + port + "/42")).statusCode())
        .as("another public key of the same project").isEqualTo(200);
    received.clear();
    assertThat(post(envelope(null)).statusCode()).as("no dsn").isEqualTo(400);
    assertThat(post(envelope("not a dsn")).statusCode()).isEqualTo(400);
    assertThat(post(Buffer.buffer("not json\n{}\n")).statusCode()).isEqualTo(400);
    assertThat(post(Buffer.buffer("")).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> json = post(t.client, "application/json", new JsonObject().put("dsn", dsn).toBuffer(), address());
    assertThat(json.statusCode()).isEqualTo(415);
    for (String type : new String[] {";", ";;", " ; ", ";charset=utf-8"}) {
      HttpResponse<Buffer> noType = post(t.client, type, envelope(dsn), address());
      assertThat(noType.statusCode()).as("Content-Type '%s'", type).isEqualTo(415);
      assertThat(noType.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(received).as("nothing forwarded").isEmpty();
  }

  @Test
  void envelopesOver200KibAreRefusedButLargerThanApiBodiesPass() {
    Buffer big = envelope(dsn).appendString("x".repeat(150 * 1024));
    assertThat(post(big).statusCode()).as("150 KiB, over the 64 KiB API body limit").isEqualTo(200);
    received.clear();
    HttpResponse<Buffer> tooBig = post(envelope(dsn).appendString("x".repeat(201 * 1024)));
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(received).isEmpty();
  }

  @Test
  void eachClientAddressIsRateLimitedWithRetryAfter() {
    String from = address();
    for (int i = 0; i < 5; i++) assertThat(post(t.client, "text/plain", envelope(dsn), from).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> refused = post(t.client, "text/plain", envelope(dsn), from);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
    assertThat(received).hasSize(5);
    assertThat(post(t.client, "text/plain", envelope(dsn), address()).statusCode()).as("another address").isEqualTo(200);
  }

  @Test
  void sentryFailingHangingOrLimitingIsA502OrPassedOnWithoutAStackTrace() {
    mode.set("fail");
    HttpResponse<Buffer> failed = post(envelope(dsn));
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(failed.bodyAsJsonObject().getString("type")).isEqualTo("/problems/error-collector-unavailable");
    assertThat(failed.bodyAsString()).doesNotContain("at dev.").doesNotContain("Exception");

    mode.set("hang");
    long start = System.currentTimeMillis();
    HttpResponse<Buffer> hung = post(envelope(dsn));
    assertThat(hung.statusCode()).isEqualTo(502);
    assertThat(System.currentTimeMillis() - start).as("bounded by ERROR_TUNNEL_TIMEOUT_MS").isLessThan(3_000);

    mode.set("limited");
    HttpResponse<Buffer> limited = post(envelope(dsn));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.getHeader("Retry-After")).isEqualTo("7");
    assertThat(limited.getHeader("X-Sentry-Rate-Limits")).isEqualTo("60:error:organization");
  }

  @Test
  void sentryUnreachableIsA502() throws Exception {
    HttpServer closed = ingestVertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0, "127.0.0.1").await();
    int port = closed.actualPort();
    closed.close().await();
    String down = "http://browserkey@127.0.0.1:" + port + "/42";
    t.withSibling(Map.of("SENTRY_BROWSER_DSN", down, "TRUSTED_PROXIES", "127.0.0.1"), (other, client) -> {
      HttpResponse<Buffer> r = post(client, "text/plain", envelope(down), address());
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    });
  }

  @Test
  void clientConfigGivesTheBrowserTheApisReleaseTheDsnAndTheTunnel() {
    HttpResponse<Buffer> r = t.get("/api/v1/client-config");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("release", "storefront-api@9.9.9")
        .put("environment", "ci").put("sentry", new JsonObject().put("dsn", dsn).put("tunnel", "/api/v1/errors"))
        .put("paymentPageUrl", "https://pay.example.test/checkout").put("flagsRefreshSeconds", 7));
  }

  @Test
  void withoutABrowserDsnTheTunnelIs404AndTheConfigSaysNull() {
    t.withSibling(Map.of(), (other, client) -> {
      HttpResponse<Buffer> r = post(client, "text/plain", envelope(dsn), address());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      JsonObject config = Contract.checked(HttpMethod.GET, "/api/v1/client-config",
          client.get("/api/v1/client-config").send().await()).bodyAsJsonObject();
      assertThat(config.getJsonObject("sentry").getValue("dsn")).isNull();
      assertThat(config.getValue("paymentPageUrl")).isNull();
      assertThat(config.getInteger("flagsRefreshSeconds")).isEqualTo(30);
    });
    assertThat(received).isEmpty();
  }
}
