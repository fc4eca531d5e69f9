package dev.storefront.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final CircuitBreaker breaker = new CircuitBreaker(3, 5_000, now::get);

  @Test
  void opensAfterConsecutiveFailuresOnly() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    assertThat(breaker.isOpen()).isFalse();
    breaker.onFailure();
    assertThat(breaker.isOpen()).isTrue();
    assertThat(breaker.allowRequest()).isFalse();
  }

  @Test
  void letsOneProbeThroughAfterTheResetPeriod() {
    for (int i = 0; i < 3; i++) breaker.onFailure();
    now.addAndGet(4_999);
    assertThat(breaker.allowRequest()).isFalse();
    now.addAndGet(1);
    assertThat(breaker.allowRequest()).isTrue();
    assertThat(breaker.allowRequest()).as("only one probe at a time").isFalse();
    breaker.onFailure();
    assertThat(breaker.allowRequest()).as("failed probe re-opens for a full period").isFalse();
    now.addAndGet(5_000);
    assertThat(breaker.allowRequest()).isTrue();
    breaker.onSuccess();
    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.allowRequest()).isTrue();
    assertThat(breaker.allowRequest()).isTrue();
  }
}
