package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two tabs refreshing one token at once both stay signed in; a copy used later still ends the sign-in. */
class RefreshReuseGraceTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("refresh_grace", Map.of("REFRESH_REUSE_GRACE_SECONDS", "5", "REDIS_TIMEOUT_MS", "2000"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static String signup(String email) {
    HttpResponse<Buffer> r = t.send(HttpMethod.POST, "/api/v1/auth/signup",
        new JsonObject().put("email", email).put("password", "a sturdy passphrase").toBuffer(), (String) null);
    assertThat(r.statusCode()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("refreshToken");
  }

  private static Future<HttpResponse<Buffer>> refreshAsync(WebClient client, String token) {
    return client.post("/api/v1/auth/refresh").sendJsonObject(new JsonObject().put("refreshToken", token));
  }

  private static HttpResponse<Buffer> refresh(WebClient client, String token) {
    return Contract.valid("refresh", refreshAsync(client, token).await());
  }

  private static HttpResponse<Buffer> refresh(String token) {
    return refresh(t.client, token);
  }

  private static int me(String accessToken) {
    return t.send(HttpMethod.GET, "/api/v1/me", Buffer.buffer(), accessToken).statusCode();
  }

  /** Moves the token's rotation into the past, as if it had happened {@code seconds} ago. */
  private static void rotatedAgo(String token, int seconds) throws Exception {
    var db = t.config.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + t.config.databaseSchema(),
        db.user(), db.password());
        var ps = c.prepareStatement("UPDATE refresh_tokens SET used_at = now() - make_interval(secs => ?) "
            + "WHERE token_hash = ?")) {
      ps.setInt(1, seconds);
      ps.setBytes(2, RefreshTokens.hash(token).getBytes());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void twoConcurrentRefreshesOfOneTokenGetTheSameSuccessorAndTheSignInGoesOn() {
    String first = signup("two-tabs@example.com");
    Future<HttpResponse<Buffer>> a = refreshAsync(t.client, first);
    Future<HttpResponse<Buffer>> b = refreshAsync(t.client, first);
    Future.join(a, b).await();
    Contract.valid("refresh", a.result());
    Contract.valid("refresh", b.result());
    assertThat(a.result().statusCode()).isEqualTo(200);
    assertThat(b.result().statusCode()).isEqualTo(200);
    JsonObject left = a.result().bodyAsJsonObject();
    JsonObject right = b.result().bodyAsJsonObject();
    assertThat(left.getString("refreshToken")).isEqualTo(right.getString("refreshToken")).isNotEqualTo(first);
    assertThat(me(left.getString("accessToken"))).isEqualTo(200);
    assertThat(me(right.getString("accessToken"))).isEqualTo(200);

    HttpResponse<Buffer> next = refresh(left.getString("refreshToken"));
    assertThat(next.statusCode()).as("the family still works").isEqualTo(200);
    assertThat(refresh(next.bodyAsJsonObject().getString("refreshToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void aReuseAfterTheGraceRevokesTheFamily() throws Exception {
    String first = signup("late-copy@example.com");
    String successor = refresh(first).bodyAsJsonObject().getString("refreshToken");
    rotatedAgo(first, 6);
    HttpResponse<Buffer> reuse = refresh(first);
    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(reuse.bodyAsJsonObject().getString("type")).isEqualTo("/problems/invalid-refresh-token");
    assertThat(refresh(successor).statusCode()).as("the family is revoked").isEqualTo(401);
  }

  @Test
  void aReuseWithinTheGraceAfterTheSuccessorWasUsedRevokesTheFamily() {
    String first = signup("used-successor@example.com");
    String successor = refresh(first).bodyAsJsonObject().getString("refreshToken");
    String newest = refresh(successor).bodyAsJsonObject().getString("refreshToken");
    assertThat(refresh(first).statusCode()).isEqualTo(401);
    assertThat(refresh(newest).statusCode()).as("the family is revoked").isEqualTo(401);
  }

  @Test
  void aGraceOfZeroTurnsItOff() {
    App strict = t.startSibling(Map.of("REFRESH_REUSE_GRACE_SECONDS", "0", "AUTH_RATE_LIMIT_PER_MINUTE", "100000",
        "AUTH_GLOBAL_RATE_LIMIT_PER_MINUTE", "100000"));
    WebClient client = WebClient.create(t.app.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(strict.port()));
    try {
      String first = signup("no-grace@example.com");
      String successor = refresh(client, first).bodyAsJsonObject().getString("refreshToken");
      assertThat(refresh(client, first).statusCode()).isEqualTo(401);
      assertThat(refresh(client, successor).statusCode()).as("the family is revoked").isEqualTo(401);
    } finally {
      client.close();
      strict.close().await();
    }
  }
}
