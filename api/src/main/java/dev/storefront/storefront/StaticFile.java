package dev.storefront.storefront;

import dev.storefront.web.Bytes;
import dev.storefront.web.EntityTags;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One file the storefront serves, prepared at start: its bytes, their gzip form when that is
 * smaller, a strong entity tag per encoding (a digest of the bytes) and its caching policy.
 */
record StaticFile(Buffer plain, Buffer gzip, CharSequence etag, CharSequence gzipEtag, CharSequence contentType,
    CharSequence cacheControl) {
  static final String REVALIDATE = "no-cache";
  static final String ONE_DAY = "public, max-age=86400";
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
  private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");
  private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");

  static StaticFile of(byte[] bytes, String contentType, String cacheControl) {
    String etag = '"' + AssetHasher.digest(bytes).substring(0, 32) + '"';
    byte[] gz = compressible(contentType) ? Bytes.gzip(bytes) : null;
    boolean useGzip = gz != null && gz.length < bytes.length;
    return new StaticFile(Buffer.buffer(bytes), useGzip ? Buffer.buffer(gz) : null,
        HttpHeaders.createOptimized(etag), HttpHeaders.createOptimized(EntityTags.ofGzip(etag)),
        HttpHeaders.createOptimized(contentType), HttpHeaders.createOptimized(cacheControl));
  }

  /** Writes this file (or 304) with its headers; {@code csp} replaces the API's deny-all policy. */
  void send(HttpServerRequest request, HttpServerResponse response, CharSequence csp) {
    MultiMap out = response.headers();
    out.set(CSP, csp);
    out.set(HttpHeaders.CACHE_CONTROL, cacheControl);
    boolean zipped = gzip != null && EntityTags.acceptsGzip(EntityTags.list(request.headers(), HttpHeaders.ACCEPT_ENCODING));
    if (gzip != null) out.add(HttpHeaders.VARY, ACCEPT_ENCODING);
    CharSequence tag = zipped ? gzipEtag : etag;
    out.set(HttpHeaders.ETAG, tag);
    String ifNoneMatch = EntityTags.list(request.headers(), HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && EntityTags.anyMatches(ifNoneMatch, tag)) {
      response.setStatusCode(304).end();
      return;
    }
    out.set(HttpHeaders.CONTENT_TYPE, contentType);
    if (zipped) {
      out.set(HttpHeaders.CONTENT_ENCODING, GZIP);
      response.end(gzip);
    } else {
      response.end(plain);
    }
  }

  private static boolean compressible(String contentType) {
    return contentType.startsWith("text/") || contentType.contains("json") || contentType.contains("javascript");
  }
}
