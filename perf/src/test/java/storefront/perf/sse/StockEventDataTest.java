package storefront.perf.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class StockEventDataTest {

  @Test
  void readsProductStockAndCommitTimeOfTheServersFormat() {
    byte[] data = bytes(
        "{\"productId\":17,\"stock\":42,\"inStock\":true,\"at\":\"2026-11-27T01:02:03.456789Z\"}");

    assertThat(StockEventData.productId(data, data.length)).isEqualTo(17);
    assertThat(StockEventData.stock(data, data.length)).isEqualTo(42);
    assertThat(StockEventData.atMicros(data, data.length))
        .isEqualTo(micros(Instant.parse("2026-11-27T01:02:03.456789Z")));
  }

  @Test
  void fieldOrderAndBlanksDoNotMatterAndInStockIsNotTakenForStock() {
    byte[] data = bytes("{ \"at\" : \"2026-01-01T00:00:00Z\", \"inStock\": false, \"stock\" : 0,"
        + " \"productId\" : 10000 }");

    assertThat(StockEventData.stock(data, data.length)).isZero();
    assertThat(StockEventData.productId(data, data.length)).isEqualTo(10_000);
    assertThat(StockEventData.atMicros(data, data.length))
        .isEqualTo(micros(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @Test
  void onlyTheValidLengthOfTheArrayIsRead() {
    byte[] data = bytes("{\"productId\":1}{\"stock\":5}");

    assertThat(StockEventData.stock(data, 15)).isEqualTo(StockEventData.ABSENT);
  }

  @Test
  void missingOrMalformedFieldsAreAbsent() {
    byte[] data = bytes("{\"productId\":\"x\",\"at\":\"yesterday\"}");

    assertThat(StockEventData.productId(data, data.length)).isEqualTo(StockEventData.ABSENT);
    assertThat(StockEventData.stock(data, data.length)).isEqualTo(StockEventData.ABSENT);
    assertThat(StockEventData.atMicros(data, data.length)).isEqualTo(StockEventData.ABSENT);
  }

  @Test
  void instantsWithAnyFractionOrAnOffsetMatchJavaTime() {
    for (String text : new String[] {"1970-01-01T00:00:00Z", "2024-02-29T23:59:59.9Z",
        "2026-11-27T01:02:03.456789123Z", "2000-03-01T12:00:00.000001Z",
        "2026-06-30T10:15:30+02:00", "1999-12-31T23:30:00.5-01:30"}) {
      byte[] b = bytes(text + "\"");
      long expected = micros(OffsetDateTime.parse(text).toInstant());
      assertThat(IsoInstant.micros(b, 0, b.length)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void daysFromCivilMatchesLocalDate() {
    for (LocalDate d = LocalDate.of(1899, 12, 1); d.getYear() < 2101; d = d.plusDays(13)) {
      assertThat(IsoInstant.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
          .as("%s", d).isEqualTo(d.toEpochDay());
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
