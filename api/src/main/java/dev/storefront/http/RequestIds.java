package dev.storefront.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the caller's {@code X-Request-Id} when it is safe to echo, else a random one. */
final class RequestIds {
  /** The header the id is read from and answered in. */
  static final CharSequence HEADER = HttpHeaders.createOptimized("X-Request-Id");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  /** The id of a request with these headers. */
  static String of(MultiMap requestHeaders) {
    return accept(requestHeaders.get(HEADER));
  }

  static String accept(String incoming) {
    if (incoming != null && incoming.length() >= 8 && incoming.length() <= 64
        && incoming.chars().allMatch(RequestIds::safe)) {
      return incoming;
    }
    return random();
  }

  /** ASCII only: Character.isLetterOrDigit would also pass other scripts into a response header. */
  private static boolean safe(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
  }

  static String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] out = new char[32];
    long hi = r.nextLong();
    long lo = r.nextLong();
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
      out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }
}
