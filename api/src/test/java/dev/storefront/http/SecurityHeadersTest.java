package dev.storefront.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("security_headers", Map.of("CORS_ALLOWED_ORIGINS", "https://shop.example"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static void assertHardened(HttpResponse<Buffer> r, String csp) {
    assertThat(r.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.getHeader("Permissions-Policy")).contains("camera=()");
    assertThat(r.getHeader("Content-Security-Policy")).isEqualTo(csp);
  }

  @Test
  void apiHtmlAndErrorResponsesAllCarryTheHeaders() {
    assertHardened(t.get("/api/v1/products/1"), SecurityHeaders.API_CSP);
    assertHardened(t.get("/api/v1/products/999999"), SecurityHeaders.API_CSP);
    assertHardened(t.get("/no/such/page"), SecurityHeaders.API_CSP);
    HttpResponse<Buffer> docs = t.get("/docs");
    assertHardened(docs, SecurityHeaders.HTML_CSP);
    assertThat(SecurityHeaders.HTML_CSP).contains("script-src 'self'").doesNotContain("unsafe-eval")
        .contains("frame-ancestors 'none'");
    assertThat(docs.bodyAsString()).doesNotContain("<script>").contains("<script src=\"/docs/assets/");
  }

  @Test
  void theDecoderRejectionsCarryThemToo() throws Exception {
    NetSocket socket = t.app.vertx().createNetClient().connect(t.app.port(), "127.0.0.1").await();
    Buffer received = Buffer.buffer();
    var closed = io.vertx.core.Promise.<Void>promise();
    socket.handler(received::appendBuffer).closeHandler(v -> closed.tryComplete());
    socket.write("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    closed.future().await();
    assertThat(received.toString().toLowerCase()).startsWith("http/1.1 431")
        .contains("strict-transport-security: max-age=31536000").contains("x-content-type-options: nosniff")
        .contains("content-security-policy: default-src 'none'");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    HttpResponse<Buffer> head = t.client.request(HttpMethod.HEAD, "/api/v1/products/1").send().await();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isNull();
    assertThat(head.getHeader("Content-Type")).isEqualTo("application/json");
    assertHardened(head, SecurityHeaders.API_CSP);
    assertThat(t.client.request(HttpMethod.HEAD, "/docs").send().await().getHeader("Content-Security-Policy"))
        .isEqualTo(SecurityHeaders.HTML_CSP);
  }

  @Test
  void traceIsRefused() {
    HttpResponse<Buffer> r = dev.storefront.support.Contract.checked(HttpMethod.TRACE, "/api/v1/products/1",
        t.client.request(HttpMethod.TRACE, "/api/v1/products/1").send().await());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsString()).doesNotContain("X-Request");
  }

  @Test
  void corsOnlyForConfiguredOrigins() {
    HttpResponse<Buffer> allowed = dev.storefront.support.Contract.valid("getProduct",
        t.client.get("/api/v1/products/1").putHeader("Origin", "https://shop.example").send().await());
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
    HttpResponse<Buffer> other = t.client.get("/api/v1/products/1").putHeader("Origin", "https://evil.example").send().await();
    assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
    HttpResponse<Buffer> preflight = t.client.request(HttpMethod.OPTIONS, "/api/v1/auth/login")
        .putHeader("Origin", "https://shop.example").putHeader("Access-Control-Request-Method", "POST").send().await();
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
    assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST");
  }

  @Test
  void authenticatedResponsesAreNotStored() {
    HttpResponse<Buffer> r = t.client.get("/api/v1/products/1").putHeader("Authorization", "Bearer " + t.adminToken())
        .send().await();
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
  }
}
