package dev.storefront.support;

import io.vertx.core.buffer.Buffer;

/** Where one complete RESP2/RESP3 value ends in a buffer, so a relay can tell commands and replies apart. */
final class RespFrames {
  private RespFrames() {}

  /** The index just past the complete value starting at {@code pos}, or -1 while it is incomplete. */
  static int end(Buffer b, int pos) {
    if (pos >= b.length()) return -1;
    int eol = crlf(b, pos);
    if (eol < 0) return -1;
    char type = (char) b.getByte(pos);
    int next = eol + 2;
    switch (type) {
      case '$', '=', '!' -> {
        long n = Long.parseLong(b.getString(pos + 1, eol));
        if (n < 0) return next;
        long end = next + n + 2;
        return end <= b.length() ? (int) end : -1;
      }
      case '*', '~', '>', '%', '|' -> {
        long n = Long.parseLong(b.getString(pos + 1, eol));
        long children = type == '%' || type == '|' ? 2 * n : n;
        for (long i = 0; i < children && next >= 0; i++) next = end(b, next);
        return next;
      }
      default -> {
        return next; // simple string, error, integer, null, double, boolean, big number
      }
    }
  }

  private static int crlf(Buffer b, int from) {
    for (int i = from; i + 1 < b.length(); i++) {
      if (b.getByte(i) == '\r' && b.getByte(i + 1) == '\n') return i;
    }
    return -1;
  }
}
