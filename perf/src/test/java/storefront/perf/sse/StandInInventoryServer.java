package storefront.perf.sse;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the API's SSE endpoint, admin sign-in, stock PUT and /metrics, in the format the
 * bench expects, to test the client without the real server. Each event is written in two
 * chunks split mid-line, after a heartbeat comment. A faulty stand-in gives its first stream
 * the first change never and the second change twice.
 */
final class StandInInventoryServer extends VerticleBase {
  static final String EMAIL = "admin@perf.example.com";
  static final String PASSWORD = "admin-password";
  private static final String TOKEN = "stand-in-token";

  private final boolean faulty;
  private final List<HttpServerResponse> streams = new ArrayList<>();
  private HttpServer server;
  private long nextEventId = 1_000;

  StandInInventoryServer(boolean faulty) {
    this.faulty = faulty;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(0, "127.0.0.1");
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/api/v1/inventory/stream")) {
      openStream(request.response());
    } else if (path.equals("/api/v1/auth/login") && request.method() == HttpMethod.POST) {
      request.body().onSuccess(body -> signIn(body.toJsonObject(), request.response()));
    } else if (path.startsWith("/api/v1/admin/products/") && request.method() == HttpMethod.PUT) {
      request.body().onSuccess(body -> setStock(request, body.toJsonObject()));
    } else if (path.equals("/metrics")) {
      request.response().end("# TYPE jvm_memory_used_bytes gauge\n"
          + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.048576E7\n"
          + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2.097152E7\n"
          + "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.9E7\n"
          + "sse_streams_open " + streams.size() + ".0\n");
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private void openStream(HttpServerResponse response) {
    response.setChunked(true).putHeader("Content-Type", "text/event-stream").write("retry: 3000\n\n");
    streams.add(response);
    response.closeHandler(v -> streams.remove(response));
  }

  private void signIn(JsonObject credentials, HttpServerResponse response) {
    if (!EMAIL.equals(credentials.getString("email"))
        || !PASSWORD.equals(credentials.getString("password"))) {
      response.setStatusCode(401).end();
      return;
    }
    response.putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("accessToken", TOKEN).put("tokenType", "Bearer").put("expiresIn", 900)
        .put("refreshToken", "r").encode());
  }

  private void setStock(HttpServerRequest request, JsonObject body) {
    if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
      request.response().setStatusCode(401).end();
      return;
    }
    String[] segments = request.path().split("/");
    long productId = Long.parseLong(segments[segments.length - 2]);
    long id = nextEventId++;
    Buffer event = Buffer.buffer(": heartbeat\n\nid: " + id + "\nevent: stock\ndata: {\"productId\":"
        + productId + ",\"stock\":" + body.getLong("stock") + ",\"inStock\":true,\"at\":\""
        + Instant.now() + "\"}\n\n");
    for (int i = 0; i < streams.size(); i++) {
      boolean first = faulty && i == 0;
      if (!(first && id == 1_000)) {
        send(streams.get(i), event);
      }
      if (first && id == 1_001) {
        send(streams.get(i), event);
      }
    }
    request.response().end(new JsonObject().put("id", productId).put("stock", body.getLong("stock")).encode());
  }

  private static void send(HttpServerResponse stream, Buffer event) {
    int half = event.length() / 2;
    stream.write(event.getBuffer(0, half));
    stream.write(event.getBuffer(half, event.length()));
  }
}
