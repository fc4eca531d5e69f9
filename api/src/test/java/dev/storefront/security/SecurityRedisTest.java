package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import dev.storefront.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The counters can live on a Redis of their own (noeviction) while the cache's may evict. */
class SecurityRedisTest {
  static final String SECURITY_REDIS = otherDatabase(Infrastructure.redisUrl());
  static TestApp t;

  @BeforeAll
  static void start() {
    t = TestApp.start("security_redis", Map.of("SECURITY_REDIS_URL", SECURITY_REDIS));
  }

  @AfterAll
  static void stop() throws Exception {
    t.close();
  }

  private static String otherDatabase(String url) {
    URI uri = URI.create(url);
    String db = "/1".equals(uri.getPath()) ? "/2" : "/1";
    return uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
        + uri.getHost() + ":" + uri.getPort() + db;
  }

  private static long securityKeys(String url) {
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, url);
      return redis.send(Request.cmd(Command.KEYS).arg(t.config.cacheNamespace() + ":sec:*")).await().size();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void signInCountersGoToTheSecurityRedisAndCacheEntriesToTheCacheRedis() {
    assertThat(t.login("nobody@example.com", "not the password").statusCode()).isEqualTo(401);
    assertThat(t.get("/api/v1/products/3").statusCode()).isEqualTo(200);
    assertThat(securityKeys(SECURITY_REDIS)).isPositive();
    assertThat(securityKeys(t.config.redisUrl())).isZero();
  }
}
