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
    Buffer gzip = body.gzip();
    boolean zipped = gzip != null && EntityTags.acceptsGzip(EntityTags.list(in, HttpHeaders.ACCEPT_ENCODING));
    CharSequence etag = zipped ? body.gzipEtag() : body.etag();
    // Added, not set: no handler before this one writes these (sets look the name up first).
    MultiMap out = response.headers();
    out.add(HttpHeaders.VARY, ACCEPT_ENCODING);
    out.add(HttpHeaders.ETAG, etag);
    if (!out.contains(HttpHeaders.CACHE_CONTROL)) out.set(HttpHeaders.CACHE_CONTROL, cacheControl);
    String ifNoneMatch = EntityTags.list(in, HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && EntityTags.anyMatches(ifNoneMatch, etag)) {
      response.setStatusCode(304).end();
      return 304;
    }
    out.add(HttpHeaders.CONTENT_TYPE, Responses.APPLICATION_JSON);
    if (zipped) {
      out.add(HttpHeaders.CONTENT_ENCODING, GZIP);
      response.end(gzip);
    } else {
      response.end(body.plain());
    }
    return 200;
  }
}
