package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.App;
import dev.storefront.support.Contract;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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

/** The auth rate limit is one budget per client address across every instance sharing Redis. */
class AuthRateLimitTest {
  static TestApp t;
  static App second;
  static WebClient secondClient;

  @BeforeAll
  static void start() {
    Map<String, String> limits = Map.of("AUTH_RATE_LIMIT_PER_MINUTE", "5", "AUTH_GLOBAL_RATE_LIMIT_PER_MINUTE", "9");
    t = TestApp.start("rate_limit", limits);
    second = t.startSibling(limits);
    secondClient = WebClient.create(second.vertx(), new WebClientOptions().setDefaultPort(second.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    secondClient.close();
    second.close().await();
    t.close();
  }

  private static HttpResponse<Buffer> refresh(WebClient client) {
    HttpResponse<Buffer> r = client.post("/api/v1/auth/refresh")
        .sendJsonObject(new JsonObject().put("refreshToken", "not-a-real-token")).await();
    return Contract.checked(HttpMethod.POST, "/api/v1/auth/refresh", r);
  }

  @Test
  void twoInstancesShareOneBudgetAndAnswer429WithHeaders() {
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) answers.add(refresh(i % 2 == 0 ? t.client : secondClient));
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<Buffer> r = answers.get(i);
      assertThat(r.statusCode()).as("request %d", i).isEqualTo(401);
      assertThat(r.getHeader("RateLimit-Limit")).isEqualTo("5");
      assertThat(r.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
      assertThat(Long.parseLong(r.getHeader("RateLimit-Reset"))).isBetween(1L, 60L);
    }
    HttpResponse<Buffer> limited = refresh(secondClient);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.bodyAsJsonObject().getString("type")).isEqualTo("/problems/too-many-requests");
    assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 60L);
    assertThat(limited.getHeader("RateLimit-Remaining")).isEqualTo("0");
    assertThat(limited.getHeader("RateLimit-Limit")).as("the per-endpoint limit refused it").isEqualTo("5");
    assertThat(t.client.post("/api/v1/auth/refresh/").sendJsonObject(new JsonObject().put("refreshToken", "x"))
        .await().statusCode()).as("a trailing slash is no second endpoint with a budget of its own").isEqualTo(404);
    assertThat(refresh(t.client).statusCode()).as("the first instance agrees").isEqualTo(429);

    // another endpoint has its own budget; the ceiling of 9 holds the five refreshes that passed (the
    // refused ones count against neither window, the 404 never reached an endpoint): four logouts
    // pass, the next is refused by the ceiling
    Buffer logoutBody = new JsonObject().put("refreshToken", "x").toBuffer();
    for (int i = 0; i < 4; i++) {
      assertThat(t.send(HttpMethod.POST, "/api/v1/auth/logout", logoutBody, (String) null).statusCode()).isEqualTo(204);
    }
    HttpResponse<Buffer> ceiling = t.send(HttpMethod.POST, "/api/v1/auth/logout", logoutBody, (String) null);
    assertThat(ceiling.statusCode()).isEqualTo(429);
    assertThat(ceiling.getHeader("RateLimit-Limit")).isEqualTo("9");

    // catalog reads are not auth endpoints
    assertThat(t.get("/api/v1/products/1").statusCode()).isEqualTo(200);
  }
}
