package dev.storefront.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
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
 *
 * <p>The same decoder refuses what vertx-core would otherwise answer before any handler of ours runs
 * or not at all: a request line whose version is neither HTTP/1.0 nor HTTP/1.1 (vertx-core sends a
 * bare 501 from its own request handler; refused here it reaches the invalid-request handler, which
 * answers 505 with a problem document) and a request with two Host lines (RFC 9112 3.2),
 * counted as the header names are read, so no request pays a header lookup for it.
 */
final class StrictFraming {
  private static final String DECODER = "httpDecoder"; // the name vertx-core gives its HTTP/1 decoder
  /** The target of the stand-in for a request that could not be read (Netty's own name for it). */
  static final String BAD_REQUEST_URI = "/bad-request";

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

  /** Why a request the decoder refused was refused; the message is the problem's detail. */
  static class Refused extends IllegalArgumentException {
    Refused(String message) {
      super(message, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  static final class AmbiguousFraming extends Refused {
    AmbiguousFraming(String message) {
      super(message);
    }
  }

  static final class UnsupportedVersion extends Refused {
    UnsupportedVersion() {
      super("This server speaks HTTP/1.1 (and HTTP/1.0).");
    }
  }

  static final class DuplicateHost extends Refused {
    DuplicateHost() {
      super(HostHeader.REFUSED);
    }
  }

  private static final class Decoder extends VertxHttpRequestDecoder {
    /** Host lines of the request being decoded; a decoder serves one connection, one request at a time. */
    private int hosts;

    Decoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
      hosts = 0;
      return super.createMessage(initialLine);
    }

    @Override
    protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
      AsciiString name = super.splitHeaderName(sb, start, length);
      if (length == 4 && HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)) hosts++;
      return name;
    }

    /**
     * Netty's stand-in for a request whose line or headers could not be read says HTTP/1.0, and
     * the answer's status line would too; this server speaks HTTP/1.1 (RFC 9112 2.3).
     */
    @Override
    protected HttpMessage createInvalidMessage() {
      return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, BAD_REQUEST_URI, Unpooled.buffer(0));
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
      // Called once the headers are read and before Netty reconciles the two length headers.
      Refused refused = refusal(message);
      if (refused != null) message.setDecoderResult(DecoderResult.failure(refused));
      return super.isContentAlwaysEmpty(message);
    }

    private Refused refusal(HttpMessage message) {
      HttpVersion version = message.protocolVersion();
      if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
        // The answer's status line then says HTTP/1.1, the highest version spoken here (RFC 9112 2.3),
        // rather than echoing the unknown one.
        message.setProtocolVersion(HttpVersion.HTTP_1_1);
        return new UnsupportedVersion();
      }
      if (hosts > 1) return new DuplicateHost();
      String ambiguity = ambiguity(message);
      return ambiguity == null ? null : new AmbiguousFraming(ambiguity);
    }
  }
}
