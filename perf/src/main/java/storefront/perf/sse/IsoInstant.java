package storefront.perf.sse;

/**
 * ISO-8601 instants ({@code 2026-11-27T01:02:03.456789Z}, fraction optional, {@code Z} or
 * {@code +hh:mm}) read from bytes into epoch microseconds, without the String and parser objects
 * {@code Instant.parse} makes for every event of every stream.
 */
final class IsoInstant {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private IsoInstant() {}

  /** The instant starting at {@code from}, or {@link StockEventData#ABSENT} when malformed. */
  static long micros(byte[] b, int from, int length) {
    if (length - from < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
        || b[from + 13] != ':' || b[from + 16] != ':') {
      return StockEventData.ABSENT;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    int second = digits(b, from + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return StockEventData.ABSENT;
    }
    int i = from + 19;
    long fraction = 0;
    if (i < length && b[i] == '.') {
      long scale = MICROS_PER_SECOND;
      i++;
      int start = i;
      while (i < length && i - start < 9 && b[i] >= '0' && b[i] <= '9') {
        scale /= 10;
        fraction += (b[i] - '0') * scale; // digits past the sixth add 0: truncated to micros
        i++;
      }
      if (i == start) {
        return StockEventData.ABSENT;
      }
    }
    long offsetSeconds = offsetSeconds(b, i, length);
    if (offsetSeconds == StockEventData.ABSENT) {
      return StockEventData.ABSENT;
    }
    long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second
        - offsetSeconds;
    return seconds * MICROS_PER_SECOND + fraction;
  }

  private static long offsetSeconds(byte[] b, int i, int length) {
    if (i < length && b[i] == 'Z') {
      return 0;
    }
    if (length - i < 6 || (b[i] != '+' && b[i] != '-') || b[i + 3] != ':') {
      return StockEventData.ABSENT;
    }
    int hours = digits(b, i + 1, 2);
    int minutes = digits(b, i + 4, 2);
    if (hours < 0 || minutes < 0) {
      return StockEventData.ABSENT;
    }
    long offset = hours * 3_600L + minutes * 60L;
    return b[i] == '-' ? -offset : offset;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }

  private static int digits(byte[] b, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
