package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy that appends its own {@code X-Forwarded-For} line, a line the client sent
 * first does not make it a new address: every line is read, the right-most untrusted hop wins.
 */
class ForwardedLinesTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("forwarded_lines", Map.of("TRUSTED_PROXIES", "127.0.0.1",
        "IP_CAPTCHA_AFTER_FAILURES", "3", "AUTH_RATE_LIMIT_PER_MINUTE", "5", "REDIS_TIMEOUT_MS", "2000"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  /** Two header lines: the first chosen by the client, the second appended by the proxy. */
  private static HttpResponse<Buffer> post(String operation, String uri, String clientLine, String proxyLine, JsonObject body) {
    HttpResponse<Buffer> r = t.client.post(uri).putHeader("X-Forwarded-For", List.of(clientLine, proxyLine))
        .sendJsonObject(body).await();
    return Contract.valid(operation, r);
  }

  @Test
  void aSecondForwardedForLineKeepsThePerAddressSignInThrottle() {
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r = post("login", "/api/v1/auth/login", "203.0.113." + i, "198.51.100.7",
          new JsonObject().put("email", "lines-" + i + "@example.com").put("password", "wrong passphrase"));
      assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("/problems/invalid-credentials");
    }
    HttpResponse<Buffer> challenged = post("login", "/api/v1/auth/login", "203.0.113.99", "198.51.100.7",
        new JsonObject().put("email", "lines-9@example.com").put("password", "wrong passphrase"));
    assertThat(challenged.bodyAsJsonObject().getString("type")).isEqualTo("/problems/captcha-required");
  }

  @Test
  void aSecondForwardedForLineKeepsThePerAddressRateLimit() {
    for (int i = 0; i < 5; i++) {
      assertThat(post("logout", "/api/v1/auth/logout", "203.0.113." + i, "198.51.100.8",
          new JsonObject().put("refreshToken", "unknown")).statusCode()).isEqualTo(204);
    }
    HttpResponse<Buffer> limited = post("logout", "/api/v1/auth/logout", "203.0.113.50", "198.51.100.8",
        new JsonObject().put("refreshToken", "unknown"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.getHeader("Retry-After")).isNotBlank();
  }
}
