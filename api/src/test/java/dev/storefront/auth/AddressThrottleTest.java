package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.CaptchaStub;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-address throttling, where the address is the TCP peer unless a trusted proxy says otherwise. */
class AddressThrottleTest {
  static CaptchaStub captcha;
  static TestApp t;

  @BeforeAll
  static void start() {
    captcha = new CaptchaStub();
    t = TestApp.start("address_throttle", Map.of("CAPTCHA_VERIFY_URL", captcha.url(), "CAPTCHA_SECRET", "s",
        "IP_CAPTCHA_AFTER_FAILURES", "3", "IP_LOCK_AFTER_FAILURES", "6"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    captcha.close();
  }

  private static HttpResponse<Buffer> login(String email, String forwardedFor) {
    HttpResponse<Buffer> r = t.client.post("/api/v1/auth/login").putHeader("X-Forwarded-For", forwardedFor)
        .sendJsonObject(new JsonObject().put("email", email).put("password", "wrong passphrase")).await();
    return dev.storefront.support.Contract.valid("login", r);
  }

  @Test
  void rotatingForwardedForFromAnUntrustedPeerChangesNothing() {
    for (int i = 0; i < 3; i++) {
      assertThat(login("spray-" + i + "@example.com", "198.51.100." + i).bodyAsJsonObject().getString("type"))
          .isEqualTo("/problems/invalid-credentials");
    }
    // new account, new forged address: still the same peer, so the address needs a captcha now
    assertThat(login("spray-9@example.com", "203.0.113.77").bodyAsJsonObject().getString("type")).endsWith("captcha-required");
    for (int i = 3; i < 6; i++) {
      var r = t.client.post("/api/v1/auth/login").putHeader("X-Forwarded-For", "192.0.2." + i)
          .sendJsonObject(new JsonObject().put("email", "spray-" + i + "@example.com").put("password", "wrong passphrase")
              .put("captchaToken", "ok")).await();
      assertThat(r.statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> locked = login("fresh@example.com", "192.0.2.200");
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.getHeader("Retry-After")).isNotBlank();
  }
}
