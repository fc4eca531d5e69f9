package dev.storefront.cache;

import dev.storefront.web.Bytes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.Base64;

/**
 * A cached response body with what HTTP needs to serve it: its strong entity tag and its gzip
 * encoding. Both are computed once, when the entry is built (a load, a Redis hit filling the L1, a
 * warm-up), so a hit, a 304 and a compressed hit cost no hashing or compression. The tag is a
 * digest of the plain bytes, so every instance derives the same tag for the same representation
 * and Redis keeps the plain bytes only. An empty body stands for "not found" and has neither.
 */
public final class CachedBody {
  /** Below this the gzip framing (18 bytes) and the header outweigh what compression saves. */
  static final int MIN_GZIP_BYTES = 256;
  public static final CachedBody NOT_FOUND = new CachedBody(Buffer.buffer(), null, null);

  private final Buffer plain;
  private final Buffer gzip;
  private final CharSequence etag;

  private CachedBody(Buffer plain, Buffer gzip, CharSequence etag) {
    this.plain = plain;
    this.gzip = gzip;
    this.etag = etag;
  }

  public static CachedBody of(Buffer plain) {
    if (plain.length() == 0) return NOT_FOUND;
    byte[] bytes = plain.getBytes();
    byte[] zipped = plain.length() >= MIN_GZIP_BYTES ? Bytes.gzip(bytes) : null;
    return new CachedBody(plain, zipped != null && zipped.length < bytes.length ? Buffer.buffer(zipped) : null,
        HttpHeaders.createOptimized(etagOf(bytes)));
  }

  /** The identity-encoded body (empty when not found). */
  public Buffer plain() {
    return plain;
  }

  /** The gzip-encoded body, or null when it would not be smaller than the plain one. */
  public Buffer gzip() {
    return gzip;
  }

  /** The strong entity tag, quotes included (null when not found). */
  public CharSequence etag() {
    return etag;
  }

  public boolean isEmpty() {
    return plain.length() == 0;
  }

  /** Bytes held besides the map's own overhead: both bodies and the tag. */
  int bytes() {
    return plain.length() + (gzip == null ? 0 : gzip.length()) + (etag == null ? 0 : etag.length());
  }

  /** {@code "<22 base64url chars>"}: the first 128 bits of the body's SHA-256. */
  static String etagOf(byte[] bytes) {
    return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(Bytes.sha256(bytes), 16)) + '"';
  }
}
