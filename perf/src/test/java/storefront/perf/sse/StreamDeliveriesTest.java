package storefront.perf.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static storefront.perf.sse.StreamDeliveries.Outcome.DUPLICATE;
import static storefront.perf.sse.StreamDeliveries.Outcome.FIRST;
import static storefront.perf.sse.StreamDeliveries.Outcome.FIRST_OUT_OF_ORDER;

import org.junit.jupiter.api.Test;

class StreamDeliveriesTest {
  private final StreamDeliveries deliveries = new StreamDeliveries(130);

  @Test
  void eachChangeCountsOnceAndIdsMustIncrease() {
    assertThat(deliveries.record(0, 10)).isEqualTo(FIRST);
    assertThat(deliveries.record(64, 11)).isEqualTo(FIRST);
    assertThat(deliveries.record(64, 11)).isEqualTo(DUPLICATE);
    assertThat(deliveries.record(129, 9)).isEqualTo(FIRST_OUT_OF_ORDER);
    assertThat(deliveries.record(5, 12)).isEqualTo(FIRST);
  }

  @Test
  void missingCountsOnlyConfirmedChangesNeverReceived() {
    boolean[] confirmed = new boolean[130];
    confirmed[0] = true;
    confirmed[63] = true;
    confirmed[64] = true;
    deliveries.record(64, 1);
    deliveries.record(100, 2); // received, but its change was never confirmed

    assertThat(deliveries.missing(confirmed)).isEqualTo(2);
    assertThat(deliveries.received(100)).isTrue();
    assertThat(deliveries.received(63)).isFalse();
  }
}
