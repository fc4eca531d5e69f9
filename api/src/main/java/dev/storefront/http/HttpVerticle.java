package dev.storefront.http;

import dev.storefront.config.RealtimeSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.function.IntConsumer;

/**
 * One HTTP server per event loop; the router and everything it uses come from the wiring. While
 * the process drains, responses carry {@code Connection: close} so clients stop reusing
 * connections the listener is about to drop. The servers are stopped together ({@link PublicListeners}).
 */
public final class HttpVerticle extends VerticleBase {
  private final ApiRouter.Parts parts;
  private final int port;
  private final int maxHeaderBytes;
  private final boolean http2ClearText;
  private final IntConsumer boundPort;
  private final PublicListeners listeners;

  public HttpVerticle(ApiRouter.Parts parts, int port, int maxHeaderBytes, boolean http2ClearText,
      IntConsumer boundPort, PublicListeners listeners) {
    this.parts = parts;
    this.port = port;
    this.maxHeaderBytes = maxHeaderBytes;
    this.http2ClearText = http2ClearText;
    this.boundPort = boundPort;
    this.listeners = listeners;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setPort(port)
        .setMaxHeaderSize(maxHeaderBytes)
        .setIdleTimeout(RealtimeSettings.HTTP_IDLE_TIMEOUT_SECONDS)
        .setHttp2ClearTextEnabled(http2ClearText)
        // No WebSocket endpoints: without compression to negotiate, Vert.x leaves the WebSocket
        // extension handler out of every connection's pipeline, which each request passed through.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    Cors cors = parts.corsOrigins().isEmpty() ? null : new Cors(parts.corsOrigins());
    CatalogFastPath fast = parts.fastPath() == null ? null : new CatalogFastPath(parts.fastPath().catalog(),
        parts.fastPath().responses(), parts.httpMetrics(), parts.accessLog(), cors != null);
    String serverAllow = new RouteTemplates(parts.contract(), cors != null).allowOfServer();
    EarlyAnswers early = new EarlyAnswers(cors, parts.httpMetrics(), parts.accessLog());
    RequestGate gate = new RequestGate(ApiRouter.create(vertx, parts), early, fast, serverAllow);
    WireAnswers answers = fast == null ? null : new WireAnswers(cors != null, fast.responses().cacheControl());
    HttpServer server = vertx.createHttpServer(options)
        .connectionHandler(connection -> {
          StrictFraming.install(connection, options);
          FlushBeforeClose.install(connection);
          if (fast != null) CatalogWire.install(connection, options, fast, answers, listeners::draining);
        })
        .requestHandler(request -> {
          if (listeners.draining()) request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
          gate.handle(request);
        })
        .invalidRequestHandler(new InvalidRequestHandler(early));
    return server.listen().onSuccess(s -> {
      listeners.add(s);
      boundPort.accept(s.actualPort());
    });
  }
}
