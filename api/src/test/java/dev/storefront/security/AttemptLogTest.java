package dev.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.support.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pending attempts count while their verdict is open, and only for a bounded time. */
class AttemptLogTest {
  static Vertx vertx;
  static Redis redis;
  static AttemptLog log;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, Infrastructure.redisUrl());
    SecurityCounters counters = new SecurityCounters(redis, "t_attempts_" + AttemptLog.newId(), 2_000);
    log = new AttemptLog(counters, 60_000, 3_600_000, 700);
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close().await();
  }

  private static long before(String subject) {
    String id = AttemptLog.newId();
    long total = log.begin(subject, id).await().total();
    log.withdraw(subject, id).await();
    return total;
  }

  @Test
  void pendingAttemptsCountUntilConfirmedOrWithdrawn() {
    String subject = "count";
    log.begin(subject, "a").await();
    log.begin(subject, "b").await();
    assertThat(before(subject)).as("two pending").isEqualTo(2);
    log.confirm(subject, "a").await();
    log.confirm(subject, "a").await();
    log.withdraw(subject, "b").await();
    log.withdraw(subject, "never-begun").await();
    assertThat(before(subject)).as("one failure; confirming twice counts once").isEqualTo(1);
    log.clear(subject, "c").await();
    assertThat(before(subject)).as("cleared").isZero();
  }

  @Test
  void anAttemptNeitherConfirmedNorWithdrawnStopsCountingAfterTheBound() throws Exception {
    String subject = "abandoned";
    log.begin(subject, "lost").await();
    log.begin(subject, "failed").await();
    log.confirm(subject, "failed").await();
    assertThat(before(subject)).isEqualTo(2);
    Thread.sleep(900);
    assertThat(before(subject)).as("only the confirmed failure is left").isEqualTo(1);
  }
}
