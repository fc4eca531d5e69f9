package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccountsTest {
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("accounts");
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static HttpResponse<Buffer> post(String uri, JsonObject body) {
    return t.send(HttpMethod.POST, uri, body.toBuffer(), (String) null);
  }

  private static HttpResponse<Buffer> signup(String email, String password) {
    return t.signup(email, password);
  }

  private static HttpResponse<Buffer> me(String token) {
    return t.send(HttpMethod.GET, "/api/v1/me", Buffer.buffer(), token);
  }

  @Test
  void emailsAreNormalisedAndUniqueWhateverTheirCase() {
    HttpResponse<Buffer> created = signup("Mixed.Case@Example.COM", "a sturdy passphrase");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject profile = me(created.bodyAsJsonObject().getString("accessToken")).bodyAsJsonObject();
    assertThat(profile.getString("email")).isEqualTo("mixed.case@example.com");
    assertThat(profile.getString("role")).isEqualTo("customer");
    HttpResponse<Buffer> again = signup("MIXED.case@example.com", "another sturdy passphrase");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("type")).isEqualTo("/problems/email-taken");
    assertThat(t.login("mixed.CASE@example.com", "a sturdy passphrase").statusCode()).isEqualTo(200);
  }

  @Test
  void weakOrInvalidSignupsAreRefused() {
    assertThat(signup("short@example.com", "seven c").bodyAsJsonObject().getString("detail"))
        .isEqualTo("password: must be at least 8 characters long");
    assertThat(signup("common@example.com", "Password1").bodyAsJsonObject().getString("type")).isEqualTo("/problems/weak-password");
    assertThat(signup("long@example.com", "z".repeat(129)).statusCode()).isEqualTo(400);
    assertThat(signup("not-an-email", "a sturdy passphrase").statusCode()).isEqualTo(400);
    assertThat(signup("max@example.com", "z".repeat(127) + "!").statusCode()).isEqualTo(201);
    assertThat(t.login("max@example.com", "z".repeat(127) + "?").statusCode()).as("no truncation").isEqualTo(401);
  }

  @Test
  void signupAndProfileUpdatesCannotSetRolePointsOrId() {
    for (String field : new String[] {"role", "points", "id"}) {
      JsonObject body = new JsonObject().put("email", field + "@mass.example").put("password", "a sturdy passphrase")
          .put(field, "role".equals(field) ? "admin" : 1_000_000);
      assertThat(post("/api/v1/auth/signup", body).statusCode()).as(field).isEqualTo(400);
      assertThat(t.login(field + "@mass.example", "a sturdy passphrase").statusCode()).isEqualTo(401);
    }
    String token = signup("plain@mass.example", "a sturdy passphrase").bodyAsJsonObject().getString("accessToken");
    for (String field : new String[] {"role", "points", "id"}) {
      HttpResponse<Buffer> r = t.send(HttpMethod.PATCH, "/api/v1/me",
          new JsonObject().put("displayName", "X").put(field, "role".equals(field) ? "admin" : 5).toBuffer(), token);
      assertThat(r.statusCode()).as(field).isEqualTo(400);
    }
    HttpResponse<Buffer> ok = t.send(HttpMethod.PATCH, "/api/v1/me", new JsonObject().put("displayName", "Plain").toBuffer(), token);
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonObject profile = me(token).bodyAsJsonObject();
    assertThat(profile.getString("displayName")).isEqualTo("Plain");
    assertThat(profile.getString("role")).isEqualTo("customer");
  }

  private static final String[] BLANK_NAMES = {" ", "   ", "\t\n", "\u00a0\u00a0", "\u3000", "\u2003\u2009",
      "\u200b", "\u200b\u200c\u200d", "\ufeff", "\u2060 ", "\u3164", "\u2800"};

  @Test
  void blankDisplayNamesAreRefusedAndNamesAreStoredTrimmed() {
    for (int i = 0; i < BLANK_NAMES.length; i++) {
      HttpResponse<Buffer> r = post("/api/v1/auth/signup", new JsonObject().put("email", "blank" + i + "@names.example")
          .put("password", "a sturdy passphrase").put("displayName", BLANK_NAMES[i]));
      assertThat(r.statusCode()).as("signup %d", i).isEqualTo(400);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("detail")).as("signup %d", i).startsWith("displayName: ");
      assertThat(t.login("blank" + i + "@names.example", "a sturdy passphrase").statusCode()).isEqualTo(401);
    }
    String token = post("/api/v1/auth/signup", new JsonObject().put("email", "trimmed@names.example")
        .put("password", "a sturdy passphrase").put("displayName", "\u200b \u00a0Ada Lovelace\u3000\n"))
        .bodyAsJsonObject().getString("accessToken");
    assertThat(me(token).bodyAsJsonObject().getString("displayName")).isEqualTo("Ada Lovelace");
    for (int i = 0; i < BLANK_NAMES.length; i++) {
      HttpResponse<Buffer> r = t.send(HttpMethod.PATCH, "/api/v1/me",
          new JsonObject().put("displayName", BLANK_NAMES[i]).toBuffer(), token);
      assertThat(r.statusCode()).as("update %d", i).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).as("update %d", i).startsWith("displayName: ");
    }
    assertThat(me(token).bodyAsJsonObject().getString("displayName")).as("unchanged").isEqualTo("Ada Lovelace");
    HttpResponse<Buffer> renamed = t.send(HttpMethod.PATCH, "/api/v1/me",
        new JsonObject().put("displayName", "  Ada  L. \u200d").toBuffer(), token);
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("displayName")).isEqualTo("Ada  L.");
  }

  @Test
  void refreshTokensRotateAndAReusedOneRevokesTheWholeFamily() {
    JsonObject first = signup("rotate@example.com", "a sturdy passphrase").bodyAsJsonObject();
    HttpResponse<Buffer> second = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(second.statusCode()).isEqualTo(200);
    String next = second.bodyAsJsonObject().getString("refreshToken");
    assertThat(next).isNotEqualTo(first.getString("refreshToken"));
    assertThat(me(second.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> third = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", next));
    assertThat(third.statusCode()).isEqualTo(200);
    String newest = third.bodyAsJsonObject().getString("refreshToken");

    // the first token comes back after its successor was used: a copy is in other hands
    HttpResponse<Buffer> reuse = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(reuse.bodyAsJsonObject().getString("type")).isEqualTo("/problems/invalid-refresh-token");
    assertThat(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", newest)).statusCode())
        .as("the legitimate newest token died with its family").isEqualTo(401);

    JsonObject otherSession = t.login("rotate@example.com", "a sturdy passphrase").bodyAsJsonObject();
    assertThat(familyExpiries("rotate@example.com")).as("rotation never extends a sign-in").isEqualTo(2);
    assertThat(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", otherSession.getString("refreshToken")))
        .statusCode()).as("another sign-in is another family").isEqualTo(200);
  }

  /** Distinct expiry instants among the user's refresh tokens: one per sign-in when rotation keeps it. */
  private static long familyExpiries(String email) {
    var db = t.config.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + t.config.databaseSchema(),
        db.user(), db.password());
        var ps = c.prepareStatement("SELECT count(DISTINCT expires_at) FROM refresh_tokens r "
            + "JOIN users u ON u.id = r.user_id WHERE u.email = ?")) {
      ps.setString(1, email);
      var rs = ps.executeQuery();
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void unusableRefreshTokensArePruned() throws Exception {
    JsonObject session = signup("prune@example.com", "a sturdy passphrase").bodyAsJsonObject();
    var db = t.config.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl() + "?currentSchema=" + t.config.databaseSchema(),
        db.user(), db.password())) {
      c.createStatement().execute("UPDATE refresh_tokens SET expires_at = now() - interval '2 days' "
          + "WHERE user_id = (SELECT id FROM users WHERE email = 'prune@example.com')");
    }
    var pool = dev.storefront.db.Database.pool(t.app.vertx(), t.config);
    try {
      assertThat(new RefreshTokens(pool, t.config.auth()).prune().await()).isGreaterThanOrEqualTo(1);
    } finally {
      pool.close().await();
    }
    assertThat(familyExpiries("prune@example.com")).isZero();
    assertThat(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    JsonObject session = signup("logout@example.com", "a sturdy passphrase").bodyAsJsonObject();
    JsonObject rotated = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .bodyAsJsonObject();
    assertThat(post("/api/v1/auth/logout", new JsonObject().put("refreshToken", rotated.getString("refreshToken")))
        .statusCode()).isEqualTo(204);
    assertThat(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", rotated.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/auth/logout", new JsonObject().put("refreshToken", "unknown")).statusCode())
        .as("idempotent").isEqualTo(204);
  }

  @Test
  void customersGet403OnAdminRoutesAndAdminsGetThrough() {
    String customer = signup("shopper@example.com", "a sturdy passphrase").bodyAsJsonObject().getString("accessToken");
    Buffer body = new JsonObject().put("stock", 7).toBuffer();
    HttpResponse<Buffer> denied = t.send(HttpMethod.PUT, "/api/v1/admin/products/2/stock", body, customer);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.bodyAsJsonObject().getString("type")).isEqualTo("/problems/forbidden");
    assertThat(t.send(HttpMethod.PUT, "/api/v1/admin/products/2/stock", body, true).statusCode()).isEqualTo(200);
  }

  @Test
  void accountResponsesAreNeverCached() {
    String token = signup("nocache@example.com", "a sturdy passphrase").bodyAsJsonObject().getString("accessToken");
    assertThat(me(token).getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(t.login("nocache@example.com", "a sturdy passphrase").getHeader("Cache-Control")).isEqualTo("no-store");
  }
}
