package dev.storefront.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventSamplerTest {

  @Test
  void letsThroughOneEventPerKindPerPeriod() {
    AtomicLong now = new AtomicLong(1_000_000);
    EventSampler sampler = new EventSampler(60_000, now::get);
    assertThat(sampler.allow("ConnectException")).isTrue();
    assertThat(sampler.allow("ConnectException")).isFalse();
    assertThat(sampler.allow("PgException 57P01")).as("another kind").isTrue();
    now.addAndGet(59_999);
    assertThat(sampler.allow("ConnectException")).isFalse();
    now.addAndGet(1);
    assertThat(sampler.allow("ConnectException")).as("a minute later").isTrue();
  }
}
