package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Contract;
import dev.storefront.support.Infrastructure;
import dev.storefront.support.SwitchableProxy;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-ins refused with 503 because Redis answered too late (after applying the attempt) leave no
 * failure behind: only real password checks count, however the refusals fall.
 */
class SignInBurstTest {
  static final String EMAIL = "burst@example.com";
  static final String PASSWORD = "the right passphrase";
  static SwitchableProxy proxy;
  static TestApp t;

  @BeforeAll
  static void start() {
    proxy = new SwitchableProxy(Infrastructure.redisUrl());
    t = TestApp.start("sign_in_burst", Map.of("REDIS_URL", proxy.url(), "REDIS_TIMEOUT_MS", "500",
        "REDIS_POOL_SIZE", "64", "LOGIN_CAPTCHA_AFTER_FAILURES", "6", "LOGIN_LOCK_AFTER_FAILURES", "10"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    proxy.close();
  }

  private static Future<HttpResponse<Buffer>> login(String password) {
    return t.client.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("email", EMAIL).put("password", password));
  }

  private static String type(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getString("type");
  }

  /** Members of the account's failure log and pending log, read straight from Redis. */
  private static long[] accountLogs() {
    Redis redis = Redis.createClient(t.app.vertx(), Infrastructure.redisUrl());
    try {
      String key = t.config.cacheNamespace() + ":sec:{" + LoginThrottle.accountKey(EMAIL) + "}:";
      long failures = redis.send(Request.cmd(Command.ZCARD).arg(key + "f")).await().toLong();
      long pending = redis.send(Request.cmd(Command.ZCARD).arg(key + "p")).await().toLong();
      return new long[] {failures, pending};
    } finally {
      redis.close();
    }
  }

  /** A cold Redis connection can miss the short timeout on a loaded machine: open a few first. */
  private static void warmUp() {
    for (int i = 0; i < 10; i++) {
      HttpResponse<Buffer> r = t.client.post("/api/v1/auth/logout")
          .sendJsonObject(new JsonObject().put("refreshToken", "warm-up")).await();
      if (r.statusCode() == 204) return;
    }
  }

  @Test
  void aBurstRefusedWhileRedisRepliesLateCountsOnlyRealPasswordChecks() throws Exception {
    warmUp();
    assertThat(t.send(HttpMethod.POST, "/api/v1/auth/signup",
        new JsonObject().put("email", EMAIL).put("password", PASSWORD).toBuffer(), (String) null).statusCode()).isEqualTo(201);

    // Redis applies every account-log command at once but its replies arrive past the timeout.
    proxy.delayReplies("login:acct:", 1_500);
    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 30; i++) burst.add(login("wrong guess " + i));
    Future.join(burst).await();
    proxy.delayReplies(null, 0);
    for (Future<HttpResponse<Buffer>> f : burst) {
      Contract.valid("login", f.result());
      assertThat(f.result().statusCode()).isEqualTo(503);
      assertThat(type(f.result())).isEqualTo("/problems/service-unavailable");
    }
    Thread.sleep(2_000); // the late replies (and the withdrawals' late replies) drain

    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> checked = Contract.valid("login", login("wrong again " + i).await());
      assertThat(type(checked)).as("real check %d", i).isEqualTo("/problems/invalid-credentials");
    }
    assertThat(accountLogs()).as("failures, pending").containsExactly(5, 0);
    assertThat(Contract.valid("login", login(PASSWORD).await()).statusCode())
        .as("neither locked nor asking for a captcha").isEqualTo(200);
  }
}
