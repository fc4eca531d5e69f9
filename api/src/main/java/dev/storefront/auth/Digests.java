package dev.storefront.auth;

import dev.storefront.web.Bytes;
import java.nio.charset.StandardCharsets;

/** SHA-256 of a string, for values stored or keyed without keeping the original (tokens, emails). */
public final class Digests {
  private Digests() {}

  public static byte[] sha256(String value) {
    return Bytes.sha256(value.getBytes(StandardCharsets.UTF_8));
  }
}
