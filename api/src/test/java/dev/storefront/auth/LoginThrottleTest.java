package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.CaptchaStub;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-account throttling: captcha after 5 failures in 15 minutes, 429 after 20 in an hour. */
class LoginThrottleTest {
  static CaptchaStub captcha;
  static TestApp t;
  static final String PASSWORD = "the right passphrase";

  @BeforeAll
  static void start() {
    captcha = new CaptchaStub();
    t = TestApp.start("login_throttle", Map.of("CAPTCHA_VERIFY_URL", captcha.url(), "CAPTCHA_SECRET", "stub-secret"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    captcha.close();
  }

  private static void account(String email) {
    assertThat(t.send(HttpMethod.POST, "/api/v1/auth/signup",
        new JsonObject().put("email", email).put("password", PASSWORD).toBuffer(), (String) null).statusCode()).isEqualTo(201);
  }

  private static HttpResponse<Buffer> login(String email, String password, String captchaToken) {
    JsonObject body = new JsonObject().put("email", email).put("password", password);
    if (captchaToken != null) body.put("captchaToken", captchaToken);
    return t.send(HttpMethod.POST, "/api/v1/auth/login", body.toBuffer(), (String) null);
  }

  private static String type(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getString("type");
  }

  @Test
  void fiveFailuresThenTheRightPasswordNeedsACaptcha() {
    account("captcha@example.com");
    for (int i = 0; i < 5; i++) {
      assertThat(type(login("captcha@example.com", "wrong passphrase " + i, null))).isEqualTo("/problems/invalid-credentials");
    }
    HttpResponse<Buffer> challenged = login("captcha@example.com", PASSWORD, null);
    assertThat(challenged.statusCode()).isEqualTo(401);
    assertThat(type(challenged)).endsWith("captcha-required");

    captcha.answer(false);
    assertThat(type(login("captcha@example.com", PASSWORD, "rejected-token"))).endsWith("captcha-required");

    captcha.answer(true);
    int before = captcha.requests.size();
    assertThat(login("captcha@example.com", PASSWORD, "good-token").statusCode()).isEqualTo(200);
    JsonObject verification = captcha.requests.get(before);
    assertThat(verification.getString("secret")).isEqualTo("stub-secret");
    assertThat(verification.getString("response")).isEqualTo("good-token");
    assertThat(verification.getString("remoteip")).isEqualTo("127.0.0.1");
    assertThat(login("captcha@example.com", PASSWORD, null).statusCode()).as("success resets the account").isEqualTo(200);
  }

  @Test
  void parallelGuessesCannotSlipUnderTheCaptchaThreshold() {
    account("parallel@example.com");
    java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> guesses = new java.util.ArrayList<>();
    for (int i = 0; i < 15; i++) {
      guesses.add(t.client.post("/api/v1/auth/login").sendJsonObject(
          new JsonObject().put("email", "parallel@example.com").put("password", "guess number " + i)));
    }
    io.vertx.core.Future.join(guesses).await();
    long checked = guesses.stream().filter(f -> "/problems/invalid-credentials".equals(type(f.result()))).count();
    long challenged = guesses.stream().filter(f -> type(f.result()).endsWith("captcha-required")).count();
    assertThat(checked).as("password checks without a captcha").isEqualTo(5);
    assertThat(challenged).isEqualTo(10);
  }

  @Test
  void twentyFailuresInAnHourLockTheAccountWithRetryAfter() {
    account("locked@example.com");
    captcha.answer(true);
    for (int i = 0; i < 20; i++) {
      assertThat(type(login("locked@example.com", "wrong passphrase", "good-token"))).isEqualTo("/problems/invalid-credentials");
    }
    HttpResponse<Buffer> locked = login("locked@example.com", PASSWORD, "good-token");
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(type(locked)).isEqualTo("/problems/login-locked");
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(3_000L, 3_600L);
  }

  @Test
  void unknownEmailAndWrongPasswordLookTheSame() {
    account("known@example.com");
    long[] known = new long[5];
    long[] unknown = new long[5];
    HttpResponse<Buffer> a = null;
    HttpResponse<Buffer> b = null;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      a = login("known@example.com", "wrong passphrase", "good-token");
      known[i] = System.nanoTime() - start;
      start = System.nanoTime();
      b = login("nobody-" + i + "@example.com", "wrong passphrase", "good-token");
      unknown[i] = System.nanoTime() - start;
    }
    assertThat(b.statusCode()).isEqualTo(a.statusCode()).isEqualTo(401);
    JsonObject left = a.bodyAsJsonObject();
    JsonObject right = b.bodyAsJsonObject();
    left.remove("requestId");
    right.remove("requestId");
    assertThat(right).isEqualTo(left);
    Arrays.sort(known);
    Arrays.sort(unknown);
    // Both pay for one Argon2id verification: medians within a factor of two of each other.
    assertThat((double) unknown[2]).isBetween(known[2] * 0.5, known[2] * 2.0);
  }
}
