package dev.storefront.http;

import dev.storefront.cache.CachedBody;
import dev.storefront.web.CachedResponses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a cached catalog answer, for {@link CatalogWire}: status line and headers encoded
 * once per process by Vert.x's own header encoder from the same header-setting code the routed
 * answer runs ({@link SecurityHeaders#apply}, {@link CachedResponses#entityHeaders}), with holes
 * for what changes per request (the request id) or per page (ETag, Content-Length). An answer is
 * then a few copies into one buffer.
 */
final class WireAnswers {
  private static final String ID_HOLE = "~request-id~";
  private static final String TAG_HOLE = "~etag~";
  private static final String LENGTH_HOLE = "~length~";

  private final byte[][] plain;
  private final byte[][] zipped;
  private final byte[][] notModified;

  WireAnswers(boolean cors, CharSequence cacheControl) {
    plain = encode("HTTP/1.1 200 OK", cors, cacheControl, false, false);
    zipped = encode("HTTP/1.1 200 OK", cors, cacheControl, false, true);
    notModified = encode("HTTP/1.1 304 Not Modified", cors, cacheControl, true, false);
  }

  /**
   * The answer to a request with this id for {@code body}: 304 when {@code notModified}, else 200
   * with the plain or gzip bytes.
   */
  ByteBuf answer(ByteBufAllocator alloc, String requestId, CachedBody body, boolean gzip, boolean notModified) {
    CharSequence etag = gzip ? body.gzipEtag() : body.etag();
    Buffer content = gzip ? body.gzip() : body.plain();
    byte[][] parts = notModified ? this.notModified : gzip ? zipped : plain;
    int length = notModified ? 0 : content.length();
    ByteBuf out = alloc.directBuffer(parts[0].length + parts[1].length + parts[2].length
        + (notModified ? 0 : parts[3].length + 10 + length) + requestId.length() + etag.length());
    out.writeBytes(parts[0]);
    ByteBufUtil.writeAscii(out, requestId);
    out.writeBytes(parts[1]);
    ByteBufUtil.writeAscii(out, etag);
    out.writeBytes(parts[2]);
    if (notModified) return out;
    ByteBufUtil.writeAscii(out, Integer.toString(length));
    out.writeBytes(parts[3]);
    if (content instanceof BufferImpl impl) {
      ByteBuf bytes = impl.byteBuf();
      out.writeBytes(bytes, bytes.readerIndex(), length);
    } else {
      out.writeBytes(content.getBytes());
    }
    return out;
  }

  /**
   * The status line and headers with the request id, ETag and (for a 200) Content-Length cut out:
   * the pieces between the holes, the last ending with the blank line.
   */
  private static byte[][] encode(String statusLine, boolean cors, CharSequence cacheControl, boolean notModified,
      boolean gzip) {
    HeadersMultiMap headers = HeadersMultiMap.httpHeaders();
    // The order of CatalogFastPath.answer and CachedResponses.send, then Vert.x's Content-Length.
    headers.add(RequestIds.HEADER, ID_HOLE);
    if (cors) headers.add(HttpHeaders.VARY, Cors.VARY_ORIGIN);
    SecurityHeaders.apply(headers, false);
    CachedResponses.entityHeaders(headers, TAG_HOLE, cacheControl, notModified, gzip);
    if (!notModified) headers.add(HttpHeaders.CONTENT_LENGTH, LENGTH_HOLE);
    ByteBuf encoded = Unpooled.buffer();
    encoded.writeCharSequence(statusLine + "\r\n", StandardCharsets.US_ASCII);
    headers.encode(encoded, false);
    encoded.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
    byte[] bytes = ByteBufUtil.getBytes(encoded);
    return notModified ? split(bytes, ID_HOLE, TAG_HOLE) : split(bytes, ID_HOLE, TAG_HOLE, LENGTH_HOLE);
  }

  private static byte[][] split(byte[] bytes, String... holes) {
    List<byte[]> parts = new ArrayList<>();
    int from = 0;
    for (String hole : holes) {
      int at = indexOf(bytes, hole.getBytes(StandardCharsets.US_ASCII), from);
      if (at < 0) throw new IllegalStateException("no " + hole + " in the encoded headers");
      parts.add(Arrays.copyOfRange(bytes, from, at));
      from = at + hole.length();
    }
    parts.add(Arrays.copyOfRange(bytes, from, bytes.length));
    return parts.toArray(byte[][]::new);
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    for (int i = from; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) return i;
    }
    return -1;
  }
}
