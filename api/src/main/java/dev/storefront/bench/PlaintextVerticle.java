package dev.storefront.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/** The TechEmpower-style plaintext route: what the hardware and Vert.x can do with no work at all. */
public final class PlaintextVerticle extends VerticleBase {
  private static final Buffer HELLO = Buffer.buffer("Hello, World!");
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain");
  private final int port;

  public PlaintextVerticle(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(req -> {
          MultiMap headers = req.response().headers();
          headers.add(HttpHeaders.CONTENT_TYPE, TEXT);
          req.response().end(HELLO);
        })
        .listen(port);
  }
}
