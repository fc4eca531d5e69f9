package dev.storefront.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A connection is closed only after what was written to it has been flushed. When the HTTP decoder
 * fails mid-request (a chunk-size line that is not hex, say), vertx-core fires the failure through
 * the pipeline: the request's handlers answer it (a 400 problem, or an answer written before the
 * body arrived), and then vertx-core's handler closes the channel at once. Writes made while a read
 * is in progress are only flushed when the read completes, and Netty drops unflushed writes on
 * close, so the client got nothing. Here everything written before the close is flushed first.
 * Only {@code close} is overridden, so reads, writes and flushes skip this handler.
 */
@ChannelHandler.Sharable
final class FlushBeforeClose extends ChannelOutboundHandlerAdapter {
  private static final String NAME = "flushBeforeClose";
  private static final String VERTX_HANDLER = "handler"; // the name vertx-core gives its connection handler
  private static final FlushBeforeClose INSTANCE = new FlushBeforeClose();

  private FlushBeforeClose() {}

  /** For the server's connection handler: in front of vertx-core's handler, where its close starts. */
  static void install(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) return;
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get(NAME) == null && pipeline.get(VERTX_HANDLER) != null) {
      pipeline.addBefore(VERTX_HANDLER, NAME, INSTANCE);
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    // Not waiting for the flush to complete: a client that stops reading must not hold the close up
    // (the idle timeout closes through here too). What the socket takes now, a problem document
    // among it, goes out before the FIN.
    ctx.flush();
    ctx.close(promise);
  }
}
