package dev.storefront.http;

import dev.storefront.web.ProblemException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding: escapes must be two hex digits and the bytes must be UTF-8 (no overlong
 * forms, no encoded surrogates). The lenient decoders substitute U+FFFD or keep bad bytes, which
 * hides what the client sent; here it is refused with a 400 naming the field.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  /** True when {@code raw} holds an escape, a NUL or a non-ASCII character: anything to check. */
  static boolean needsDecoding(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' || c == 0 || c >= 0x80) return true;
    }
    return false;
  }

  /** ASCII hex only: Character.digit would also take other scripts' digits. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  static String decode(String raw, boolean plusIsSpace, String field) {
    if (!needsDecoding(raw)) return plusIsSpace ? raw.replace('+', ' ') : raw;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
        int lo = hi < 0 ? -1 : hex(raw.charAt(i + 2));
        if (lo < 0) throw ProblemException.badRequest(field + ": malformed percent-escape");
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c <= 0xff) {
        bytes.write(c); // the request line arrives as bytes, one char each
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest(field + ": is not valid UTF-8");
    }
  }
}
