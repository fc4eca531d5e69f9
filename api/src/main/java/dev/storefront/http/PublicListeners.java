package dev.storefront.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The public HTTP servers of the process (one per event loop, sharing the port) and whether the
 * process is draining. They are shut down together, back to back from one thread: Vert.x closes
 * the shared port only when its last server stops, and until then connections landing on an event
 * loop whose server has stopped are dropped, so the servers must not stop one by one.
 */
public final class PublicListeners {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final BooleanSupplier draining;

  public PublicListeners(BooleanSupplier draining) {
    this.draining = draining;
  }

  boolean draining() {
    return draining.getAsBoolean();
  }

  void add(HttpServer server) {
    servers.add(server);
  }

  /** Stops accepting, closes idle connections and gives busy ones {@code graceSeconds} to finish. */
  public Future<Void> shutdown(int graceSeconds) {
    List<Future<Void>> stopped = servers.stream().map(s -> s.shutdown(graceSeconds, TimeUnit.SECONDS)).toList();
    return Future.join(stopped).mapEmpty();
  }
}
