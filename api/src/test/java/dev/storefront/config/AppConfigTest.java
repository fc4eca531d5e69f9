package dev.storefront.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    AppConfig config = AppConfig.from(Map.of());
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.database().host()).isEqualTo("127.0.0.1");
    assertThat(config.redisUrl()).isEqualTo("redis://127.0.0.1:6379/0");
    assertThat(config.cache().syncPollMs()).as("the cross-instance staleness bound").isLessThan(1000);
    assertThat(config.sentryDsn()).isNull();
  }

  @Test
  void databaseUrlIsSplitAndItsPasswordNeverPrinted() {
    AppConfig config = AppConfig.from(Map.of("DATABASE_URL", "postgresql://shop:s%40cret@db.internal:6543/shop"));
    assertThat(config.database()).isEqualTo(new DatabaseUrl("db.internal", 6543, "shop", "shop", "s@cret"));
    assertThat(config.database().toString()).doesNotContain("s@cret").contains("db.internal");
  }

  @Test
  void theServiceRefusesToServeWithoutASigningKey() {
    assertThat(AppConfig.from(Map.of()).auth().jwtPrivateKeyPem()).isNull();
    var failure = dev.storefront.App.start(AppConfig.from(Map.of()), false).cause();
    assertThat(failure).isInstanceOf(ConfigException.class).hasMessageContaining("JWT_PRIVATE_KEY");
  }

  @Test
  void invalidSettingsAreRejectedByName() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_PORT");
    assertThatThrownBy(() -> AppConfig.from(Map.of("HTTP_PORT", "70000")))
        .hasMessageContaining("HTTP_PORT");
    assertThatThrownBy(() -> AppConfig.from(Map.of("DATABASE_URL", "mysql://x/y")))
        .hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> AppConfig.from(Map.of("REDIS_URL", "localhost:6379")))
        .hasMessageContaining("REDIS_URL");
    assertThatThrownBy(() -> AppConfig.from(Map.of("CATALOG_SYNC_POLL_MS", "1500")))
        .hasMessageContaining("CATALOG_SYNC_POLL_MS");
    assertThatThrownBy(() -> AppConfig.from(Map.of("JWT_PRIVATE_KEY", "secret")))
        .hasMessageContaining("JWT_PRIVATE_KEY");
    assertThatThrownBy(() -> AppConfig.from(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")))
        .hasMessageContaining("TRUSTED_PROXIES");
    assertThatThrownBy(() -> AppConfig.from(Map.of("TRUSTED_PROXIES", "10.0.0.0/33")))
        .hasMessageContaining("TRUSTED_PROXIES");
    assertThatThrownBy(() -> AppConfig.from(Map.of("JWT_PRIVATE_KEY",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")))
        .hasMessageContaining("JWT_PRIVATE_KEY");
    assertThatThrownBy(() -> AppConfig.from(Map.of("ACCESS_LOG", "maybe")))
        .hasMessageContaining("ACCESS_LOG");
  }

  @Test
  void streamHeartbeatsMustComeWellInsideTheHttpIdleTimeout() {
    assertThat(AppConfig.from(Map.of()).realtime().heartbeatSeconds()).isEqualTo(15);
    assertThat(AppConfig.from(Map.of("SSE_HEARTBEAT_SECONDS", "60")).realtime().heartbeatSeconds()).isEqualTo(60);
    assertThatThrownBy(() -> AppConfig.from(Map.of("SSE_HEARTBEAT_SECONDS", "61")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("SSE_HEARTBEAT_SECONDS");
  }
}
