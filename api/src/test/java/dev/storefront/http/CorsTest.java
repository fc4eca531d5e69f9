package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CorsTest {
  static final String SHOP = "https://shop.example";
  static TestApp t;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeAll
  static void start() {
    t = TestApp.start("cors", Map.of("CORS_ALLOWED_ORIGINS", SHOP));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  @BeforeEach
  void captureLogs() {
    logged.start();
    root().addAppender(logged);
  }

  @AfterEach
  void noErrorWasLogged() {
    root().detachAppender(logged);
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static HttpResponse<Buffer> getFrom(String origin, String uri) {
    HttpRequest<Buffer> request = t.client.get(uri);
    if (origin != null) request.putHeader("Origin", origin);
    return Contract.checked(HttpMethod.GET, uri, request.send().await());
  }

  private static HttpResponse<Buffer> preflight(String origin, String method, String headers) {
    HttpRequest<Buffer> request = t.client.request(HttpMethod.OPTIONS, "/api/v1/auth/login")
        .putHeader("Origin", origin).putHeader("Access-Control-Request-Method", method);
    if (headers != null) request.putHeader("Access-Control-Request-Headers", headers);
    return request.send().await();
  }

  @Test
  void otherOriginsGetTheNormalResponseWithoutCorsHeaders() {
    for (String origin : new String[] {"https://evil.example", "null", "https://shop.example.evil.example"}) {
      HttpResponse<Buffer> r = getFrom(origin, "/api/v1/products/1");
      assertThat(r.statusCode()).as(origin).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getLong("id")).isEqualTo(1L);
      assertThat(r.getHeader("Access-Control-Allow-Origin")).as(origin).isNull();
      assertThat(r.getHeader("Access-Control-Expose-Headers")).isNull();
      assertThat(r.getHeader("Vary")).isEqualTo("Origin");
    }
  }

  @Test
  void theConfiguredOriginGetsTheCorsHeaders() {
    HttpResponse<Buffer> r = getFrom(SHOP, "/api/v1/products/1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(r.getHeader("Access-Control-Expose-Headers")).contains("X-Request-Id").contains("Retry-After")
        .contains("RateLimit-Remaining").contains("ETag").contains("Idempotent-Replayed");
    assertThat(r.getHeader("Access-Control-Allow-Credentials")).isNull();
    assertThat(r.getHeader("Vary")).isEqualTo("Origin");
  }

  private static double fastPathResponses() {
    return t.app.registry().get("http_fast_path_responses").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void aCachedProductStillGetsTheCorsHeadersWhenAskedFromAnOrigin() {
    getFrom(null, "/api/v1/products/2"); // now in this process's L1: a fast-path hit without an Origin
    double fastBefore = fastPathResponses();
    for (String origin : new String[] {SHOP, "https://evil.example"}) {
      HttpResponse<Buffer> r = getFrom(origin, "/api/v1/products/2");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("Access-Control-Allow-Origin")).as(origin).isEqualTo(SHOP.equals(origin) ? SHOP : null);
      assertThat(r.headers().getAll("Vary")).as(origin).contains("Origin");
    }
    assertThat(fastPathResponses())
        .as("requests with an Origin go through the router's CORS handling").isEqualTo(fastBefore);
    assertThat(getFrom(null, "/api/v1/products/2").headers().getAll("Vary")).contains("Origin", "Accept-Encoding");
  }

  @Test
  void answersGivenBeforeTheRouterCarryTheGrantToo() {
    for (String uri : new String[] {"/api/v1/products/7/", "/api/v1/products?q=%ZZ", "/api/v1/products/7/%2e%2e/8"}) {
      HttpResponse<Buffer> r = t.client.get(uri).putHeader("Origin", SHOP).send().await();
      assertThat(r.statusCode()).as(uri).isIn(400, 404);
      assertThat(r.getHeader("Access-Control-Allow-Origin")).as(uri).isEqualTo(SHOP);
      assertThat(r.getHeader("Access-Control-Expose-Headers")).as(uri).contains("X-Request-Id");
      assertThat(r.getHeader("Vary")).as(uri).isEqualTo("Origin");
      HttpResponse<Buffer> elsewhere = t.client.get(uri).putHeader("Origin", "https://evil.example").send().await();
      assertThat(elsewhere.getHeader("Access-Control-Allow-Origin")).as(uri).isNull();
    }
  }

  @Test
  void everyResponseVariesByOrigin() {
    assertThat(getFrom(null, "/api/v1/products/1").getHeader("Vary")).isEqualTo("Origin");
    assertThat(getFrom(SHOP, "/api/v1/products/999999").getHeader("Vary")).isEqualTo("Origin");
    assertThat(getFrom(null, "/no/such/page").getHeader("Vary")).isEqualTo("Origin");
    assertThat(t.client.request(HttpMethod.HEAD, "/api/v1/products/1").send().await().getHeader("Vary"))
        .isEqualTo("Origin");
    assertThat(t.client.request(HttpMethod.TRACE, "/api/v1/products/1").send().await().getHeader("Vary"))
        .isEqualTo("Origin");
  }

  @Test
  void anAllowedPreflightIs204WithWhatMayBeSent() {
    HttpResponse<Buffer> r = preflight(SHOP, "POST", "content-type, Authorization");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(r.getHeader("Access-Control-Allow-Methods")).contains("GET", "POST", "PUT", "PATCH", "DELETE");
    assertThat(r.getHeader("Access-Control-Allow-Headers"))
        .contains("Authorization", "Content-Type", "X-Request-Id", "Idempotency-Key");
    assertThat(r.getHeader("Access-Control-Max-Age")).isEqualTo("600");
    assertThat(r.headers().getAll("Vary")).contains("Origin");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void preflightsAllowTheHeadersTheContractAndTheStorefrontSend() {
    for (String header : new String[] {"x-visitor-id", "last-event-id", "if-none-match", "idempotency-key"}) {
      HttpResponse<Buffer> r = preflight(SHOP, "GET", header);
      assertThat(r.statusCode()).as(header).isEqualTo(204);
    }
  }

  @Test
  void aPlainOptionsRequestIsAnsweredWithWhatTheResourceAllows() {
    HttpResponse<Buffer> r = t.client.request(HttpMethod.OPTIONS, "/api/v1/products/7").send().await();
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.getHeader("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(t.client.request(HttpMethod.OPTIONS, "/no/such/path").send().await().statusCode()).isEqualTo(404);
  }

  @Test
  void aRefusedPreflightIs403Problem() {
    refused(preflight("https://evil.example", "POST", null));
    refused(preflight("null", "GET", null));
    refused(preflight(SHOP, "TRACE", null));
    refused(preflight(SHOP, "POST", "Content-Type, X-Admin-Override"));
  }

  private static void refused(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/forbidden");
    assertThat(r.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(r.getHeader("Access-Control-Allow-Methods")).isNull();
    assertThat(r.headers().getAll("Vary")).contains("Origin");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void optionsAsteriskIsAnsweredWithTheServersMethodsAndTheGrant() throws Exception {
    for (String extra : new String[] {"", "Access-Control-Request-Method: GET\r\n"}) {
      String response = exchange("OPTIONS * HTTP/1.1\r\nHost: x\r\nOrigin: " + SHOP + "\r\n" + extra + "\r\n");
      assertThat(response).as(extra).startsWith("HTTP/1.1 204 ");
      assertThat(header(response, "allow")).as(extra).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      assertThat(header(response, "x-content-type-options")).as(extra).isEqualTo("nosniff");
      assertThat(header(response, "vary")).as(extra).isEqualTo("Origin");
      assertThat(header(response, "access-control-allow-origin")).as(extra).isEqualTo(SHOP);
    }
    String elsewhere = exchange("OPTIONS * HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n");
    assertThat(elsewhere).startsWith("HTTP/1.1 204 ");
    assertThat(header(elsewhere, "access-control-allow-origin")).isNull();
  }

  private static String header(String response, String name) {
    return ProtocolEdgesTest.header(response, name);
  }

  /** One request on its own connection, which asks the server to close after the answer. */
  private static String exchange(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", t.app.port())) {
      socket.setSoTimeout(5_000);
      String closing = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
      socket.getOutputStream().write(closing.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
