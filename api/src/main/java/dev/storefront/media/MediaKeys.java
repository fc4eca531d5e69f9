package dev.storefront.media;

import dev.storefront.web.Bytes;
import dev.storefront.web.Responses;

/**
 * Content-addressed object keys: {@code products/<sha256>.<ext>}. The same bytes always land on the
 * same key, so an object never changes once written (hence the year-long immutable cache header)
 * and a copy that is already there can be skipped.
 */
public final class MediaKeys {
  /** Objects never change under a key, so browsers and the CDN may keep them for a year. */
  public static final String CACHE_CONTROL = Responses.IMMUTABLE;

  private MediaKeys() {}

  public static String forImage(String sha256, ImageType type) {
    return "products/" + sha256 + "." + type.extension;
  }

  public static String sha256(byte[] bytes) {
    return Bytes.sha256Hex(bytes);
  }
}
