package dev.storefront.cache;

import dev.storefront.web.Bytes;
import dev.storefront.web.EntityTags;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.Base64;

/**
 * A cached response body with what HTTP needs to serve it: its gzip encoding and a strong entity
 * tag for each encoding. All are computed once, when the entry is built (a load, a Redis hit filling
 * the L1, a warm-up), so a hit, a 304 and a compressed hit cost no hashing or compression. The tag
 * is a digest of the plain bytes, so every instance derives the same tag for the same
 * representation and Redis keeps the plain bytes only; the gzip tag is that tag with {@code -gz}
 * before the closing quote, because a strong tag names exact bytes (RFC 9110 8.8.3) and the two
 * encodings differ. An empty body stands for "not found" and has none of them.
 */
public final class CachedBody {
  /** Below this the gzip framing (18 bytes) and the header outweigh what compression saves. */
  static final int MIN_GZIP_BYTES = 256;
  public static final CachedBody NOT_FOUND = new CachedBody(Buffer.buffer(), null, null, null);

  private final Buffer plain;
  private final Buffer gzip;
  private final CharSequence etag;
  private final CharSequence gzipEtag;
  /**
   * When a read of this entry was last recorded in the L1's policy ({@link System#nanoTime}). Not
   * volatile: a racing read at worst records once more, or once later.
   */
  private long readRecordedAt;

  private CachedBody(Buffer plain, Buffer gzip, CharSequence etag, CharSequence gzipEtag) {
    this.plain = plain;
    this.gzip = gzip;
    this.etag = etag;
    this.gzipEtag = gzipEtag;
    this.readRecordedAt = System.nanoTime() - Long.MAX_VALUE / 2;
  }

  /**
   * Whether a read at {@code now} is to be recorded, {@code interval} nanoseconds or more since the
   * last one was; if so, it is taken as recorded. Always for {@link #NOT_FOUND}, which many keys share.
   */
  boolean readRecordDue(long now, long interval) {
    if (this == NOT_FOUND) return true;
    if (now - readRecordedAt < interval) return false;
    readRecordedAt = now;
    return true;
  }

  public static CachedBody of(Buffer plain) {
    if (plain.length() == 0) return NOT_FOUND;
    byte[] bytes = plain.getBytes();
    byte[] zipped = plain.length() >= MIN_GZIP_BYTES ? Bytes.gzip(bytes) : null;
    String etag = etagOf(bytes);
    if (zipped == null || zipped.length >= bytes.length) {
      return new CachedBody(plain, null, HttpHeaders.createOptimized(etag), null);
    }
    return new CachedBody(plain, Buffer.buffer(zipped), HttpHeaders.createOptimized(etag),
        HttpHeaders.createOptimized(EntityTags.ofGzip(etag)));
  }

  /** The identity-encoded body (empty when not found). */
  public Buffer plain() {
    return plain;
  }

  /** The gzip-encoded body, or null when it would not be smaller than the plain one. */
  public Buffer gzip() {
    return gzip;
  }

  /** The strong entity tag of the plain body, quotes included (null when not found). */
  public CharSequence etag() {
    return etag;
  }

  /** The strong entity tag of the gzip body, quotes included (null when there is no gzip body). */
  public CharSequence gzipEtag() {
    return gzipEtag;
  }

  public boolean isEmpty() {
    return plain.length() == 0;
  }

  /** Bytes held besides the map's own overhead: both bodies and their tags. */
  int bytes() {
    return plain.length() + (gzip == null ? 0 : gzip.length() + gzipEtag.length()) + (etag == null ? 0 : etag.length());
  }

  /** {@code "<22 base64url chars>"}: the first 128 bits of the body's SHA-256. */
  static String etagOf(byte[] bytes) {
    return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(Bytes.sha256(bytes), 16)) + '"';
  }
}
