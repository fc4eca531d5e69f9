package dev.storefront.web;

import dev.storefront.cache.CachedBody;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Public catalog reads as HTTP caches expect them: a strong {@code ETag}, {@code Cache-Control}
 * that lets clients and CDNs keep them briefly, {@code Vary: Accept-Encoding}, 304 on an
 * {@code If-None-Match} naming the tag of the encoding this request would get, and the gzip bytes
 * when the client takes them. Everything comes from the
 * {@link CachedBody}: a hit does no hashing or compression. A request that already carries
 * {@code Cache-Control: no-store} (one with credentials, see SecurityHeaders) keeps it.
 */
public final class CachedResponses {
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
  private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");
  private final CharSequence cacheControl;

  public CachedResponses(int maxAgeSeconds, int staleWhileRevalidateSeconds) {
    this.cacheControl = HttpHeaders.createOptimized(cacheControl(maxAgeSeconds, staleWhileRevalidateSeconds));
  }

  static String cacheControl(int maxAgeSeconds, int staleWhileRevalidateSeconds) {
    return "public, max-age=" + maxAgeSeconds
        + (staleWhileRevalidateSeconds > 0 ? ", stale-while-revalidate=" + staleWhileRevalidateSeconds : "");
  }

  /** Answers with {@code body} (never an empty one: that is a not-found for the caller to raise). */
  public void send(RoutingContext rc, CachedBody body) {
    send(rc.request(), rc.response(), body);
  }

  /** The same, outside the router (the catalog fast path); returns the status sent. */
  public int send(HttpServerRequest request, HttpServerResponse response, CachedBody body) {
    MultiMap in = request.headers();
    boolean zipped = zipped(in, body);
    CharSequence etag = zipped ? body.gzipEtag() : body.etag();
    boolean notModified = notModified(in, etag);
    MultiMap out = response.headers();
    // A response marked no-store before this (one with credentials, see SecurityHeaders) keeps it.
    entityHeaders(out, etag, out.contains(HttpHeaders.CACHE_CONTROL) ? null : cacheControl, notModified, zipped);
    if (notModified) {
      response.setStatusCode(304).end();
      return 304;
    }
    response.end(zipped ? body.gzip() : body.plain());
    return 200;
  }

  /** Whether the request gets the gzip bytes: there are some and the client takes them. */
  public static boolean zipped(MultiMap in, CachedBody body) {
    return body.gzip() != null && EntityTags.acceptsGzip(EntityTags.list(in, HttpHeaders.ACCEPT_ENCODING));
  }

  /** Whether {@code If-None-Match} names {@code etag}, the tag of the encoding the request gets. */
  public static boolean notModified(MultiMap in, CharSequence etag) {
    String ifNoneMatch = EntityTags.list(in, HttpHeaders.IF_NONE_MATCH);
    return ifNoneMatch != null && EntityTags.anyMatches(ifNoneMatch, etag);
  }

  /** The {@code Cache-Control} value of public catalog reads. */
  public CharSequence cacheControl() {
    return cacheControl;
  }

  /**
   * The headers of a cached representation, in the order they are sent; a 304 has no content
   * headers, and a null {@code cacheControl} leaves out that header. Added, not set: nothing before
   * writes these names (a set looks the name up first). Content-Length is left to the writer.
   */
  public static void entityHeaders(MultiMap out, CharSequence etag, CharSequence cacheControl, boolean notModified,
      boolean zipped) {
    out.add(HttpHeaders.VARY, ACCEPT_ENCODING);
    out.add(HttpHeaders.ETAG, etag);
    if (cacheControl != null) out.add(HttpHeaders.CACHE_CONTROL, cacheControl);
    if (notModified) return;
    out.add(HttpHeaders.CONTENT_TYPE, Responses.APPLICATION_JSON);
    if (zipped) out.add(HttpHeaders.CONTENT_ENCODING, GZIP);
  }
}
