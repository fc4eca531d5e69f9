package storefront.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StripeSignerTest {

  @Test
  void signatureIsHexHmacSha256OfTimestampDotBody() {
    // Expected value from: printf '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test
    assertThat(StripeSigner.sign("whsec_test", 1_700_000_000L, "{\"id\":\"evt_1\"}"))
        .isEqualTo(EXPECTED);
  }

  @Test
  void headerCarriesTimestampAndV1() {
    assertThat(StripeSigner.header("whsec_test", 1_700_000_000L, "{\"id\":\"evt_1\"}"))
        .isEqualTo("t=1700000000,v1=" + EXPECTED);
  }

  @Test
  void anotherSecretOrTimestampGivesAnotherSignature() {
    String body = "{\"id\":\"evt_1\"}";
    assertThat(StripeSigner.sign("whsec_other", 1_700_000_000L, body)).isNotEqualTo(EXPECTED);
    assertThat(StripeSigner.sign("whsec_test", 1_700_000_001L, body)).isNotEqualTo(EXPECTED);
  }

  @Test
  void succeededEventNamesThePaymentAndTheOrder() {
    assertThat(StripeSigner.succeededEvent("evt_9", "pi_abc", 42, 1_700_000_000L)).isEqualTo(
        "{\"id\":\"evt_9\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"created\":1700000000,"
            + "\"data\":{\"object\":{\"id\":\"pi_abc\",\"object\":\"payment_intent\","
            + "\"metadata\":{\"orderId\":\"42\"}}}}");
  }

  private static final String EXPECTED = "c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925";
}
