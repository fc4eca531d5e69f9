package storefront.perf.sse;

import java.nio.charset.StandardCharsets;

/**
 * Reads the three fields the bench needs from a stock event's JSON data, in place:
 * {@code {"productId":17,"stock":42,"inStock":true,"at":"2026-11-27T01:02:03.456789Z"}}.
 * A JSON parser would allocate a tree per event per stream; these fields are flat, so a key
 * search over the bytes is enough. Each method returns {@link #ABSENT} when the field is missing
 * or malformed.
 */
final class StockEventData {
  static final long ABSENT = Long.MIN_VALUE;

  private static final byte[] PRODUCT_ID = key("productId");
  private static final byte[] STOCK = key("stock");
  private static final byte[] AT = key("at");

  private StockEventData() {}

  static long productId(byte[] data, int length) {
    return number(data, length, valueStart(data, length, PRODUCT_ID));
  }

  static long stock(byte[] data, int length) {
    return number(data, length, valueStart(data, length, STOCK));
  }

  /** {@code at} as microseconds since the epoch. */
  static long atMicros(byte[] data, int length) {
    int start = valueStart(data, length, AT);
    if (start < 0 || start >= length || data[start] != '"') {
      return ABSENT;
    }
    return IsoInstant.micros(data, start + 1, length);
  }

  /** Index of the first non-blank byte after {@code "key":}, or -1. */
  private static int valueStart(byte[] data, int length, byte[] key) {
    int last = length - key.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int k = 0; k < key.length; k++) {
        if (data[i + k] != key[k]) {
          continue outer;
        }
      }
      int j = skipBlanks(data, length, i + key.length);
      if (j < length && data[j] == ':') {
        return skipBlanks(data, length, j + 1);
      }
    }
    return -1;
  }

  private static int skipBlanks(byte[] data, int length, int from) {
    int i = from;
    while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static long number(byte[] data, int length, int from) {
    if (from < 0 || from >= length) {
      return ABSENT;
    }
    long value = 0;
    int i = from;
    while (i < length && i - from < 18 && data[i] >= '0' && data[i] <= '9') {
      value = value * 10 + (data[i] - '0');
      i++;
    }
    return i == from ? ABSENT : value;
  }

  private static byte[] key(String name) {
    return ('"' + name + '"').getBytes(StandardCharsets.US_ASCII);
  }
}
