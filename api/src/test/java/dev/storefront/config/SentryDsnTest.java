package dev.storefront.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryDsnTest {
  @Test
  void namesTheEnvelopeEndpointOfItsProject() {
    assertThat(SentryDsn.parse("https://abc@o1.ingest.sentry.io/42").envelopeUrl())
        .isEqualTo("https://o1.ingest.sentry.io/api/42/envelope/");
    assertThat(SentryDsn.parse("http://abc@127.0.0.1:9000/sentry/7").envelopeUrl())
        .isEqualTo("http://127.0.0.1:9000/sentry/api/7/envelope/");
  }

  @Test
  void theSameProjectIsTheSameHostPortAndIdWhateverTheKey() {
    SentryDsn configured = SentryDsn.parse("https://abc@o1.ingest.sentry.io/42");
    assertThat(SentryDsn.parse("https://other@O1.ingest.sentry.io:443/42").sameProject(configured)).isTrue();
    assertThat(SentryDsn.parse("https://abc@o1.ingest.sentry.io/43").sameProject(configured)).isFalse();
    assertThat(SentryDsn.parse("https://abc@evil.example/42").sameProject(configured)).isFalse();
    assertThat(SentryDsn.parse("https://abc@o1.ingest.sentry.io:8443/42").sameProject(configured)).isFalse();
    assertThat(SentryDsn.parse("https://abc@o1.ingest.sentry.io/x/42").sameProject(configured)).isFalse();
  }

  @Test
  void refusesWhatIsNotADsn() {
    for (String bad : new String[] {"not a url", "ftp://k@h/1", "https://h/1", "https://k@h/", "https://k@h/abc",
        "https://k@h/1?x=1", "https:///1"}) {
      assertThatThrownBy(() -> SentryDsn.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aBadBrowserDsnOrPaymentPageStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("SENTRY_BROWSER_DSN", "https://h/1")))
        .hasMessageContaining("SENTRY_BROWSER_DSN");
    assertThatThrownBy(() -> AppConfig.from(Map.of("PAYMENT_PAGE_URL", "javascript:alert(1)")))
        .hasMessageContaining("PAYMENT_PAGE_URL");
    StorefrontSettings s = AppConfig.from(Map.of("SENTRY_BROWSER_DSN", "https://key:secret@h.example/5")).storefront();
    assertThat(s.sentryBrowserDsnText()).isEqualTo("https://key@h.example/5");
    assertThat(s.flagsReloadMs()).isEqualTo(2000);
    assertThat(s.flagsClientRefreshSeconds()).isEqualTo(30);
  }
}
