package storefront.perf.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SseLoadConfigTest {

  @Test
  void defaultsAreTheDesignTargets() {
    SseLoadConfig config = SseLoadConfig.from(
        Map.of("adminEmail", "admin@example.com", "adminPassword", "secret")::get);

    assertThat(config.streams()).isEqualTo(10_000);
    assertThat(config.changesPerSecond()).isEqualTo(5);
    assertThat(config.durationSeconds()).isEqualTo(60);
    assertThat(config.plannedChanges()).isEqualTo(300);
    assertThat(config.p99Ms()).isEqualTo(1_000);
    assertThat(config.heapMb()).isEqualTo(512);
    assertThat(config.localAddresses()).isEmpty();
  }

  @Test
  void localAddressesAreAList() {
    SseLoadConfig config = SseLoadConfig.from(Map.of("adminEmail", "a@b.c", "adminPassword", "p",
        "localAddresses", "127.0.0.2, 127.0.0.3")::get);

    assertThat(config.localAddresses()).containsExactly("127.0.0.2", "127.0.0.3");
  }

  @Test
  void refusesToStartWithoutTheAdminAccountOrWithABadNumber() {
    assertThatThrownBy(() -> SseLoadConfig.from(Map.<String, String>of()::get))
        .hasMessageContaining("adminEmail is required");
    assertThatThrownBy(() -> SseLoadConfig.from(
        Map.of("adminEmail", "a@b.c", "adminPassword", "p", "streams", "10k")::get))
        .hasMessage("streams must be an integer, got '10k'");
  }
}
