package dev.storefront.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.auth.AccessTokens;
import dev.storefront.support.Shoppers;
import dev.storefront.support.Shoppers.Shopper;
import dev.storefront.support.SseClient;
import dev.storefront.support.SseClient.Frame;
import dev.storefront.support.Sql;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signed-in user's stream: tickets, only one's own events (live and replayed), and the sign-in's end. */
class UserStreamTest {
  static TestApp t;
  static Sql sql;
  static Shoppers shoppers;

  /** A real sign-up and sign-in: user id, access and refresh tokens. */
  record Account(long id, String email, String access, String refresh) {
    Shopper shopper() {
      return new Shopper(id, access);
    }
  }

  @BeforeAll
  static void start() {
    // No reuse grace: a refresh token presented twice ends its sign-in at once.
    t = TestApp.start("user_stream", Map.of("REFRESH_REUSE_GRACE_SECONDS", "0"));
    sql = new Sql(t.config);
    shoppers = new Shoppers(t);
  }

  @AfterAll
  static void stop() throws Exception {
    shoppers.close();
    t.close();
  }

  static Account signUp() {
    String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    var created = t.send(HttpMethod.POST, "/api/v1/auth/signup",
        new JsonObject().put("email", email).put("password", "a sturdy passphrase").toBuffer(), (String) null);
    assertThat(created.statusCode()).isEqualTo(201);
    return signIn(email);
  }

  static Account signIn(String email) {
    JsonObject tokens = t.login(email, "a sturdy passphrase").bodyAsJsonObject();
    return new Account(Long.parseLong(claims(tokens.getString("accessToken")).getString("sub")), email,
        tokens.getString("accessToken"), tokens.getString("refreshToken"));
  }

  static JsonObject claims(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  static String ticket(Account a) {
    var r = t.send(HttpMethod.POST, "/api/v1/me/stream-tokens", null, a.access());
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(r.bodyAsJsonObject().getInteger("expiresIn")).isEqualTo(60);
    return r.bodyAsJsonObject().getString("token");
  }

  static SseClient stream(String query, Map<String, String> headers) {
    return t.stream("/api/v1/me/stream" + query, headers);
  }

  static long order(Account a) {
    shoppers.putItem(a.shopper(), 60, 1);
    var r = shoppers.checkout(a.shopper(), UUID.randomUUID().toString());
    assertThat(r.statusCode()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  @Test
  void aTicketOpensTheStreamOnceAndNothingElseDoes() throws Exception {
    Account a = signUp();
    String ticket = ticket(a);
    try (SseClient first = stream("?token=" + ticket, Map.of());
        SseClient again = stream("?token=" + ticket, Map.of());
        SseClient none = stream("", Map.of());
        SseClient forged = stream("?token=" + ticket + "x", Map.of());
        SseClient bearer = stream("", Map.of("Authorization", "Bearer " + a.access()))) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.headers().get("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(first.headers().get("Cache-Control")).isEqualTo("no-cache, no-store");
      assertThat(again.status()).as("single use").isEqualTo(401);
      assertThat(none.status()).isEqualTo(401);
      assertThat(forged.status()).isEqualTo(401);
      assertThat(bearer.status()).isEqualTo(200);
    }
    assertThat(t.send(HttpMethod.POST, "/api/v1/me/stream-tokens", null, (String) null).statusCode()).isEqualTo(401);
  }

  @Test
  void aHeadRequestLeavesTheTicketForTheStream() throws Exception {
    Account a = signUp();
    String ticket = ticket(a);
    HttpResponse<Buffer> head = t.client.request(HttpMethod.HEAD, "/api/v1/me/stream?token=" + ticket).send().await();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
    assertThat(head.getHeader("Cache-Control")).as("as the GET: a user's stream is never stored").isEqualTo("no-cache, no-store");
    assertThat(head.getHeader("X-Accel-Buffering")).isEqualTo("no");
    assertThat(t.client.request(HttpMethod.HEAD, "/api/v1/me/stream?token=" + ticket + "x").send().await().statusCode())
        .isEqualTo(401);
    try (SseClient stream = stream("?token=" + ticket, Map.of())) {
      assertThat(stream.status()).isEqualTo(200);
    }
  }

  @Test
  void aRefusedBearerTokenIsNamedInTheChallengeAsOnEveryOther401() throws Exception {
    try (SseClient forged = stream("", Map.of("Authorization", "Bearer a.b.c"));
        SseClient none = stream("", Map.of());
        SseClient badTicket = stream("?token=nope", Map.of())) {
      assertThat(forged.status()).isEqualTo(401);
      assertThat(forged.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"storefront\", error=\"invalid_token\"");
      assertThat(none.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"storefront\"");
      assertThat(badTicket.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"storefront\"");
    }
  }

  @Test
  void aUserHoldsAtMostFiveStreamsPerInstance() throws Exception {
    Account a = signUp();
    String ticket = ticket(a);
    java.util.List<SseClient> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) open.add(stream("", Map.of("Authorization", "Bearer " + a.access())));
      assertThat(open).allMatch(s -> s.status() == 200);
      try (SseClient sixth = stream("?token=" + ticket, Map.of())) {
        assertThat(sixth.status()).isEqualTo(429);
      }
    } finally {
      open.forEach(SseClient::close);
    }
    long deadline = System.currentTimeMillis() + 3_000;
    while (t.app.streamMetrics().openStreams() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    try (SseClient again = stream("", Map.of("Authorization", "Bearer " + a.access()))) {
      assertThat(again.status()).as("slots come back when streams end").isEqualTo(200);
    }
    try (SseClient retried = stream("?token=" + ticket, Map.of())) {
      assertThat(retried.status()).as("the refused request left the ticket unused").isEqualTo(200);
    }
    try (SseClient used = stream("?token=" + ticket, Map.of())) {
      assertThat(used.status()).isEqualTo(401);
    }
  }

  @Test
  void twoRequestsRacingWithOneTicketOpenOneStreamAndHoldNoOtherSlot() throws Exception {
    Account a = signUp();
    String ticket = ticket(a);
    awaitNoStreams();
    var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> stream("?token=" + ticket, Map.of()));
    var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> stream("?token=" + ticket, Map.of()));
    try (SseClient one = first.join(); SseClient two = second.join()) {
      assertThat(List.of(one.status(), two.status())).containsExactlyInAnyOrder(200, 401);
      assertThat(t.app.streamMetrics().openStreams()).isEqualTo(1);
    }
    awaitNoStreams();
    assertThat(t.app.streamMetrics().openStreams()).isZero();
  }

  private static void awaitNoStreams() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 3_000;
    while (t.app.streamMetrics().openStreams() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
  }

  @Test
  void aSignInThatHasEndedGetsNoTicketAndItsTicketsOpenNothing() throws Exception {
    Account a = signUp();
    String before = ticket(a);
    var out = t.send(HttpMethod.POST, "/api/v1/auth/logout",
        new JsonObject().put("refreshToken", a.refresh()).toBuffer(), a.access());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(t.send(HttpMethod.GET, "/api/v1/me", null, a.access()).statusCode())
        .as("the access token itself lives out its expiry").isEqualTo(200);
    HttpResponse<Buffer> refused = t.send(HttpMethod.POST, "/api/v1/me/stream-tokens", null, a.access());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unauthorized");
    assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"storefront\", error=\"invalid_token\"");
    try (SseClient stale = stream("?token=" + before, Map.of())) {
      assertThat(stale.status()).isEqualTo(401);
    }
    Account elsewhere = signIn(a.email());
    ticket(elsewhere);
  }

  @Test
  void eachUserGetsOnlyTheirOwnEventsLiveAndOnReplay() throws Exception {
    Account a = signUp();
    Account b = signUp();
    long before = t.app.eventFeed().position();
    long orderId;
    try (SseClient mine = stream("?token=" + ticket(a), Map.of());
        SseClient theirs = stream("?token=" + ticket(b), Map.of())) {
      orderId = order(a);
      Frame frame = mine.next("order", 2_000);
      assertThat(frame).isNotNull();
      JsonObject data = new JsonObject(frame.data());
      assertThat(data.getLong("orderId")).isEqualTo(orderId);
      assertThat(data.getString("status")).isEqualTo("awaiting_payment");
      assertThat(data.getString("at")).isNotBlank();
      sql.update("INSERT INTO events (type, user_id, payload) VALUES ('points.changed', ?, "
          + "jsonb_build_object('userId', ?::bigint, 'points', 120))", a.id(), a.id());
      Frame points = mine.next("points", 2_000);
      assertThat(new JsonObject(points.data()).getInteger("points")).isEqualTo(120);
      assertThat(theirs.next(1_000)).extracting(Frame::retry).isEqualTo(3_000L);
      assertThat(theirs.next(1_000)).as("B sees nothing of A's").isNull();
    }
    try (SseClient replayA = stream("?token=" + ticket(a) + "&lastEventId=" + before, Map.of());
        SseClient replayB = stream("?token=" + ticket(b) + "&lastEventId=" + before, Map.of())) {
      assertThat(new JsonObject(replayA.next("order", 2_000).data()).getLong("orderId")).isEqualTo(orderId);
      assertThat(replayA.next("points", 2_000)).isNotNull();
      replayB.next(1_000);
      assertThat(replayB.next(1_000)).as("nor on replay").isNull();
    }
  }

  @Test
  void signingOutEndsTheStreamsOfThatSignInOnlyWithAFinalEvent() throws Exception {
    Account a = signUp();
    Account elsewhere = signIn(a.email());
    try (SseClient ending = stream("?token=" + ticket(a), Map.of());
        SseClient staying = stream("?token=" + ticket(elsewhere), Map.of())) {
      ending.next(1_000);
      staying.next(1_000);
      var out = t.send(HttpMethod.POST, "/api/v1/auth/logout",
          new JsonObject().put("refreshToken", a.refresh()).toBuffer(), a.access());
      assertThat(out.statusCode()).isEqualTo(204);
      Frame revoked = ending.next("revoked", 3_000);
      assertThat(revoked).as("ended within a few seconds").isNotNull();
      assertThat(new JsonObject(revoked.data()).getString("reason")).isEqualTo("signed-out");
      long deadline = System.currentTimeMillis() + 2_000;
      while (!ending.ended() && System.currentTimeMillis() < deadline) Thread.sleep(20);
      assertThat(ending.ended()).isTrue();
      assertThat(staying.next(1_000)).as("the other sign-in's stream goes on").isNull();
      assertThat(staying.ended()).isFalse();
    }
    try (SseClient after = stream("", Map.of("Authorization", "Bearer " + a.access()))) {
      assertThat(after.status()).as("a revoked sign-in opens no stream").isEqualTo(401);
    }
  }

  @Test
  void aReusedRefreshTokenEndsTheStreamsOfItsSignIn() throws Exception {
    Account a = signUp();
    var rotated = t.send(HttpMethod.POST, "/api/v1/auth/refresh",
        new JsonObject().put("refreshToken", a.refresh()).toBuffer(), (String) null);
    assertThat(rotated.statusCode()).isEqualTo(200);
    String access = rotated.bodyAsJsonObject().getString("accessToken");
    assertThat(claims(access).getString("sid")).as("rotation keeps the sign-in").isEqualTo(claims(a.access()).getString("sid"));
    try (SseClient sse = stream("", Map.of("Authorization", "Bearer " + access))) {
      sse.next(1_000);
      var reused = t.send(HttpMethod.POST, "/api/v1/auth/refresh",
          new JsonObject().put("refreshToken", a.refresh()).toBuffer(), (String) null);
      assertThat(reused.statusCode()).isEqualTo(401);
      assertThat(sse.next("revoked", 3_000)).isNotNull();
    }
  }

  @Test
  void anAccessTokenExpiringMidStreamDoesNotCutIt() throws Exception {
    Account a = signUp();
    JsonObject claims = claims(a.access());
    var auth = t.config.auth();
    AccessTokens tokens = new AccessTokens(t.clientVertx(), auth);
    String shortLived = tokens.generateToken(new JsonObject().put("sub", claims.getString("sub"))
            .put("sid", claims.getString("sid")).put("jti", UUID.randomUUID().toString())
            .put("roles", new JsonArray().add("customer")),
        new JWTOptions().setAlgorithm("ES256").setIssuer(auth.jwtIssuer()).setAudience(List.of(auth.jwtAudience()))
            .setExpiresInSeconds(1));
    try (SseClient sse = stream("", Map.of("Authorization", "Bearer " + shortLived))) {
      assertThat(sse.status()).isEqualTo(200);
      Thread.sleep(7_000); // past expiry and the verifier's 5 s leeway
      assertThat(t.send(HttpMethod.GET, "/api/v1/me", null, shortLived).statusCode()).isEqualTo(401);
      sql.update("INSERT INTO events (type, user_id, payload) VALUES ('points.changed', ?, "
          + "jsonb_build_object('userId', ?::bigint, 'points', 7))", a.id(), a.id());
      assertThat(sse.next("points", 2_000)).isNotNull();
      assertThat(sse.ended()).isFalse();
    }
  }
}
