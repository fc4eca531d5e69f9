package dev.storefront.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * HTTP/1 requests whose body length is ambiguous are refused (RFC 9112 6.1 and 6.3): both
 * Content-Length and Transfer-Encoding, a Transfer-Encoding that does not end in chunked, or any
 * Transfer-Encoding on HTTP/1.0. Netty serves the first kind by dropping Content-Length, and keeps
 * the connection open: a proxy in front that trusted the other header would see the request end
 * elsewhere (request smuggling). Netty has no setting for this, and by the time a request handler
 * runs Content-Length is gone, so each connection's decoder is swapped for one that marks such
 * requests failed; the server hands them to the invalid-request handler, which closes the connection.
 * With HTTP2_CLEARTEXT on, vertx-core's h2c upgrade handler decodes a connection's first request
 * before any hook runs, and swapping the decoder mid-decode breaks the connection: there the
 * check is not installed (the README says so).
 */
final class StrictFraming {
  private static final String DECODER = "httpDecoder"; // the name vertx-core gives its HTTP/1 decoder

  private StrictFraming() {}

  /** For the server's connection handler: runs before the connection's first byte is decoded. */
  static void install(HttpConnection connection, HttpServerOptions options) {
    if (options.isHttp2ClearTextEnabled() || !(connection instanceof ConnectionBase base)) return;
    ChannelPipeline pipeline = base.channel().pipeline();
    ChannelHandler decoder = pipeline.get(DECODER);
    if (decoder instanceof VertxHttpRequestDecoder && !(decoder instanceof Decoder)) {
      pipeline.replace(DECODER, DECODER, new Decoder(options));
    }
  }

  /** Why {@code message} must be refused, or null. */
  static String ambiguity(HttpMessage message) {
    HttpHeaders headers = message.headers();
    if (!headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) return null;
    if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      return "Content-Length and Transfer-Encoding together make the body length ambiguous.";
    }
    if (message.protocolVersion() == HttpVersion.HTTP_1_0) return "HTTP/1.0 has no Transfer-Encoding.";
    String codings = String.join(",", headers.getAll(HttpHeaderNames.TRANSFER_ENCODING));
    String last = codings.substring(codings.lastIndexOf(',') + 1).trim();
    return last.equalsIgnoreCase("chunked") ? null : "Transfer-Encoding must end in chunked.";
  }

  static final class AmbiguousFraming extends IllegalArgumentException {
    AmbiguousFraming(String message) {
      super(message, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private static final class Decoder extends VertxHttpRequestDecoder {
    Decoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
      // Called once the headers are read and before Netty reconciles the two length headers.
      String ambiguity = ambiguity(message);
      if (ambiguity != null) message.setDecoderResult(DecoderResult.failure(new AmbiguousFraming(ambiguity)));
      return super.isContentAlwaysEmpty(message);
    }
  }
}
