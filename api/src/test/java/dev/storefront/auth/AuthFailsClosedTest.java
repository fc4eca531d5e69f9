package dev.storefront.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import dev.storefront.support.SwitchableProxy;
import dev.storefront.support.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With Redis unreachable, sign-in protections refuse (503) while catalog reads carry on (200). */
class AuthFailsClosedTest {
  static SwitchableProxy proxy;
  static TestApp t;

  @BeforeAll
  static void start() {
    proxy = new SwitchableProxy(Infrastructure.redisUrl());
    t = TestApp.start("fails_closed", Map.of("REDIS_URL", proxy.url(), "REDIS_TIMEOUT_MS", "150"));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
    proxy.close();
  }

  private static HttpResponse<Buffer> login() {
    return t.send(HttpMethod.POST, "/api/v1/auth/login",
        new JsonObject().put("email", "admin@storefront.test").put("password", TestApp.ADMIN_PASSWORD).toBuffer(), (String) null);
  }

  @Test
  void loginIsRefusedWhileRedisIsDownAndCatalogReadsStayUp() {
    t.adminToken();
    assertThat(login().statusCode()).isEqualTo(200);
    proxy.blackHole(true);
    try {
      for (int i = 0; i < 3; i++) {
        HttpResponse<Buffer> refused = login();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/service-unavailable");
        assertThat(refused.getHeader("Retry-After")).isNotNull();
        assertThat(refused.bodyAsString()).doesNotContain("accessToken");
      }
      for (int id = 1; id <= 20; id++) assertThat(t.get("/api/v1/products/" + id).statusCode()).isEqualTo(200);
      assertThat(t.get("/api/v1/products?category=3").statusCode()).isEqualTo(200);
    } finally {
      proxy.blackHole(false);
    }
  }
}
