package dev.storefront.http;

import dev.storefront.web.CachedResponses;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.function.BooleanSupplier;

/**
 * Cached catalog hits answered on the connection, before Vert.x makes a request of them (ADR 0006):
 * a Netty handler just in front of Vert.x's sees each decoded HTTP/1.1 request first. A plain GET
 * that {@link CatalogFastPath} would answer gets the same bytes, from {@link WireAnswers}, written
 * past the response encoder; anything else goes on to Vert.x untouched, and {@code CatalogFastPath}
 * still answers hits among those.
 *
 * <p>Answers must leave in request order (pipelining), so a request is answered here only while
 * none of this connection's requests is with Vert.x: the handler counts the requests it passes on
 * and the final responses Vert.x writes back through it (the last part of each, 1xx excluded).
 * It steps aside when the connection is not writable (a client not reading), so Vert.x's back-pressure applies.
 */
final class CatalogWire extends ChannelDuplexHandler {
  private static final String VERTX_HANDLER = "handler"; // the names vertx-core gives its handlers
  private static final String ENCODER = "httpEncoder";

  private final CatalogFastPath fast;
  private final WireAnswers answers;
  private final BooleanSupplier draining;
  private ChannelHandlerContext encoder;
  /** Requests passed to Vert.x whose final response has not been written. */
  private int withVertx;
  /** The content of a request answered here is dropped, up to its last part. */
  private boolean dropping;
  private boolean unflushed;

  private CatalogWire(CatalogFastPath fast, WireAnswers answers, BooleanSupplier draining) {
    this.fast = fast;
    this.answers = answers;
    this.draining = draining;
  }

  /** For the server's connection handler, as {@link StrictFraming#install}; not with h2c. */
  static void install(HttpConnection connection, HttpServerOptions options, CatalogFastPath fast,
      WireAnswers answers, BooleanSupplier draining) {
    if (options.isHttp2ClearTextEnabled() || !(connection instanceof ConnectionBase base)) return;
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get(VERTX_HANDLER) == null || pipeline.get(ENCODER) == null) return;
    pipeline.addBefore(VERTX_HANDLER, "catalogWire", new CatalogWire(fast, answers, draining));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    encoder = ctx.pipeline().context(ENCODER);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      if (withVertx == 0 && answered(ctx, request)) {
        dropping = true;
        return;
      }
      withVertx++;
    } else if (dropping && msg instanceof HttpContent content) {
      dropping = !(msg instanceof LastHttpContent);
      content.release();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (unflushed) {
      unflushed = false;
      encoder.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof LastHttpContent && withVertx > 0
        && !(msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
      withVertx--;
    }
    ctx.write(msg, promise);
  }

  private boolean answered(ChannelHandlerContext ctx, HttpRequest request) {
    if (request.method() != HttpMethod.GET || request.protocolVersion() != HttpVersion.HTTP_1_1
        || !request.decoderResult().isSuccess() || !(request.headers() instanceof MultiMap headers)
        || draining.getAsBoolean() || !ctx.channel().isWritable()) {
      return false;
    }
    // Whatever changes how the connection goes on is Vert.x's to handle.
    if (headers.contains(HttpHeaderNames.CONNECTION) || headers.contains(HttpHeaderNames.UPGRADE)
        || headers.contains(HttpHeaderNames.EXPECT) || !HostHeader.valid(headers.get(HttpHeaderNames.HOST))) {
      return false;
    }
    String uri = request.uri();
    if (uri.isEmpty() || uri.charAt(0) != '/') return false;
    long start = System.nanoTime();
    CatalogFastPath.Hit hit;
    String requestId;
    boolean notModified;
    ByteBuf answer;
    try {
      int q = uri.indexOf('?');
      hit = q < 0 ? fast.lookup(uri, null, headers) : fast.lookup(uri.substring(0, q), uri.substring(q + 1), headers);
      if (hit == null) return false;
      requestId = RequestIds.of(headers);
      boolean gzip = CachedResponses.zipped(headers, hit.body());
      notModified = CachedResponses.notModified(headers, gzip ? hit.body().gzipEtag() : hit.body().etag());
      answer = answers.answer(ctx.alloc(), requestId, hit.body(), gzip, notModified);
    } catch (RuntimeException unexpected) {
      // Nothing is written yet: Vert.x gets the request, and the router's failure handling with it.
      return false;
    }
    encoder.write(answer);
    unflushed = true;
    fast.answered(hit, notModified ? 304 : 200, start, requestId, true);
    return true;
  }
}
