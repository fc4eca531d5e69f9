package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-endpoint windows and the per-address ceiling judge a request together: one refused by
 * either counts against neither, so hammering one endpoint leaves the others their share. Each test
 * speaks for its own address through a trusted proxy (the test client).
 */
class AuthRateLimitSharingTest {
  static final Map<String, String> LIMITS = Map.of("AUTH_RATE_LIMIT_PER_MINUTE", "3",
      "AUTH_GLOBAL_RATE_LIMIT_PER_MINUTE", "8", "TRUSTED_PROXIES", "127.0.0.1");
  static TestApp t;
  static App second;
  static WebClient secondClient;

  @BeforeAll
  static void start() {
    t = TestApp.start("rate_limit_sharing", LIMITS);
    second = t.startSibling(LIMITS);
    secondClient = WebClient.create(second.vertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(second.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    secondClient.close();
    second.close().await();
    t.close();
  }

  private static Future<HttpResponse<Buffer>> post(WebClient client, String endpoint, String ip, JsonObject body) {
    return client.post("/api/v1/auth/" + endpoint).putHeader("X-Forwarded-For", ip).sendJsonObject(body);
  }

  private static HttpResponse<Buffer> login(String ip) {
    return post(t.client, "login", ip, new JsonObject().put("email", "nobody@example.com")
        .put("password", "wrong passphrase")).await();
  }

  private static HttpResponse<Buffer> tokenCall(WebClient client, String endpoint, String ip) {
    return post(client, endpoint, ip, new JsonObject().put("refreshToken", "not-a-real-token")).await();
  }

  @Test
  void exhaustingSignInLeavesRefreshAndLogoutTheRestOfTheCeiling() {
    String ip = "198.51.100.10";
    for (int i = 0; i < 3; i++) assertThat(login(ip).statusCode()).as("login %d", i).isEqualTo(401);
    for (int i = 0; i < 6; i++) {
      HttpResponse<Buffer> refused = login(ip);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.getHeader("RateLimit-Limit")).as("sign-in's own window refused it").isEqualTo("3");
      assertThat(refused.getHeader("Retry-After")).isNotBlank();
    }
    // the six refused sign-ins used none of the ceiling of 8: three refreshes and two logouts pass
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r = tokenCall(t.client, "refresh", ip);
      assertThat(r.statusCode()).as("refresh %d", i).isEqualTo(401);
      assertThat(r.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
    }
    assertThat(tokenCall(secondClient, "logout", ip).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> last = tokenCall(t.client, "logout", ip);
    assertThat(last.statusCode()).isEqualTo(204);
    assertThat(last.getHeader("RateLimit-Limit")).isEqualTo("8");
    assertThat(last.getHeader("RateLimit-Remaining")).isEqualTo("0");
    HttpResponse<Buffer> ceiling = tokenCall(secondClient, "logout", ip);
    assertThat(ceiling.statusCode()).isEqualTo(429);
    assertThat(ceiling.getHeader("RateLimit-Limit")).as("now the ceiling refuses").isEqualTo("8");
    assertThat(ceiling.bodyAsJsonObject().getString("type")).isEqualTo("/problems/too-many-requests");
  }

  @Test
  void exhaustingRefreshLeavesSignInTheRestOfTheCeiling() {
    String ip = "198.51.100.11";
    for (int i = 0; i < 3; i++) assertThat(tokenCall(t.client, "refresh", ip).statusCode()).isEqualTo(401);
    for (int i = 0; i < 10; i++) assertThat(tokenCall(secondClient, "refresh", ip).statusCode()).isEqualTo(429);
    for (int i = 0; i < 3; i++) assertThat(login(ip).statusCode()).as("login %d", i).isEqualTo(401);
  }

  @Test
  void parallelRequestsOnTwoInstancesNeverPassEitherLimit() {
    String ip = "198.51.100.12";
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    List<String> endpoints = List.of("refresh", "logout", "login");
    for (int i = 0; i < 60; i++) {
      String endpoint = endpoints.get(i % endpoints.size());
      WebClient client = i % 2 == 0 ? t.client : secondClient;
      JsonObject body = endpoint.equals("login")
          ? new JsonObject().put("email", "nobody@example.com").put("password", "wrong passphrase")
          : new JsonObject().put("refreshToken", "not-a-real-token");
      sent.add(post(client, endpoint, ip, body));
    }
    Future.all(sent).await();
    Map<String, Integer> passed = new java.util.HashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      int status = sent.get(i).result().statusCode();
      assertThat(status).as("request %d", i).isIn(401, 204, 429);
      if (status != 429) passed.merge(endpoints.get(i % endpoints.size()), 1, Integer::sum);
    }
    passed.values().forEach(n -> assertThat(n).as("one endpoint's window").isLessThanOrEqualTo(3));
    assertThat(passed.values().stream().mapToInt(Integer::intValue).sum())
        .as("the ceiling, filled exactly: three endpoints could use nine").isEqualTo(8);
  }
}
