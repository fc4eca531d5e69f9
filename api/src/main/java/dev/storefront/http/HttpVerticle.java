package dev.storefront.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.function.IntConsumer;

/** One HTTP server per event loop; the router and everything it uses come from the wiring. */
public final class HttpVerticle extends VerticleBase {
  private final ApiRouter.Parts parts;
  private final int port;
  private final int maxHeaderBytes;
  private final boolean http2ClearText;
  private final IntConsumer boundPort;

  public HttpVerticle(ApiRouter.Parts parts, int port, int maxHeaderBytes, boolean http2ClearText,
      IntConsumer boundPort) {
    this.parts = parts;
    this.port = port;
    this.maxHeaderBytes = maxHeaderBytes;
    this.http2ClearText = http2ClearText;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setPort(port)
        .setMaxHeaderSize(maxHeaderBytes)
        .setIdleTimeout(120)
        .setHttp2ClearTextEnabled(http2ClearText);
    boolean cors = !parts.corsOrigins().isEmpty();
    HttpServer server = vertx.createHttpServer(options)
        .connectionHandler(connection -> StrictFraming.install(connection, options))
        .requestHandler(new RequestGate(ApiRouter.create(vertx, parts), cors))
        .invalidRequestHandler(new InvalidRequestHandler(cors));
    return server.listen().onSuccess(s -> boundPort.accept(s.actualPort()));
  }
}
