package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several windows judge one event together: it is recorded in all of them or in none. */
class SecurityCountersTest {
  static Vertx vertx;
  static Redis redis;
  static SecurityCounters counters;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, Infrastructure.redisUrl());
    counters = new SecurityCounters(redis, "t_counters_" + AttemptLog.newId(), 2_000);
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close().await();
  }

  private static List<SecurityCounters.Window> hit(String a, long limitA, String b, long limitB) {
    return counters.hitAll(List.of("{x}:" + a, "{x}:" + b), 60_000, List.of(limitA, limitB)).await();
  }

  @Test
  void anEventEitherWindowRefusesCountsInNeither() {
    assertThat(hit("all", 3, "one", 1)).extracting(SecurityCounters.Window::count).containsExactly(1L, 1L);

    List<SecurityCounters.Window> refusedByOne = hit("all", 3, "one", 1);
    assertThat(refusedByOne).extracting(SecurityCounters.Window::allowed).containsExactly(true, false);
    assertThat(refusedByOne.get(0).count()).as("the other window kept its budget").isEqualTo(1);
    assertThat(refusedByOne.get(0).remaining()).isEqualTo(2);

    assertThat(hit("all", 3, "two", 5)).extracting(SecurityCounters.Window::count).containsExactly(2L, 1L);
    assertThat(hit("all", 3, "two", 5)).extracting(SecurityCounters.Window::count).containsExactly(3L, 2L);

    List<SecurityCounters.Window> refusedByAll = hit("all", 3, "two", 5);
    assertThat(refusedByAll).extracting(SecurityCounters.Window::allowed).containsExactly(false, true);
    assertThat(refusedByAll.get(1).count()).as("the ceiling's refusal cost the endpoint nothing").isEqualTo(2);
    assertThat(refusedByAll.get(0).resetSeconds()).isBetween(1L, 60L);
  }

  @Test
  void oneWindowAloneCountsUpToItsLimit() {
    for (int i = 1; i <= 2; i++) {
      SecurityCounters.Window w = counters.hit("single", 60_000, 2).await();
      assertThat(w.allowed()).isTrue();
      assertThat(w.remaining()).isEqualTo(2 - i);
    }
    SecurityCounters.Window refused = counters.hit("single", 60_000, 2).await();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.count()).isEqualTo(2);
  }
}
