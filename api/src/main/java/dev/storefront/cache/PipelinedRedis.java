package dev.storefront.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A Redis client that pipelines every command on a fixed set of long-lived connections, taken
 * in turn. The stock client takes a pooled connection per command and holds it until the reply,
 * so the pool size caps the commands in flight: under a burst of cache misses they queued for
 * tens of milliseconds, outlived the per-command timeout, opened the circuit breaker and sent
 * the burst to PostgreSQL. Here a command waits only for its own reply. A connection that fails
 * or closes is dropped and the next command that would use it opens a new one.
 */
public final class PipelinedRedis implements Redis {
  private final Redis pool;
  private final AtomicReferenceArray<Future<RedisConnection>> connections;
  private final AtomicInteger turn = new AtomicInteger();
  private volatile boolean closed;

  /** {@code options} must allow at least {@code connections} pooled connections. */
  public PipelinedRedis(Vertx vertx, RedisOptions options, int connections) {
    this.pool = Redis.createClient(vertx, options);
    this.connections = new AtomicReferenceArray<>(Math.max(1, connections));
  }

  /** The number of connections commands are spread over. */
  public int size() {
    return connections.length();
  }

  @Override
  public Future<Response> send(Request request) {
    Future<RedisConnection> connection = connection();
    // The usual case, an open connection, sends at once: no extra future per command.
    return connection.succeeded() ? connection.result().send(request) : connection.compose(c -> c.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return connection().compose(c -> c.batch(requests));
  }

  /** A connection of one's own (e.g. for blocking or transactional commands), from the same pool. */
  @Override
  public Future<RedisConnection> connect() {
    return pool.connect();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    for (int i = 0; i < connections.length(); i++) {
      Future<RedisConnection> c = connections.getAndSet(i, null);
      if (c != null && c.succeeded()) closing.add(c.result().close().otherwiseEmpty());
    }
    return Future.join(closing).transform(ar -> pool.close());
  }

  private Future<RedisConnection> connection() {
    if (closed) return Future.failedFuture("redis client closed");
    int slot = Math.floorMod(turn.getAndIncrement(), connections.length());
    Future<RedisConnection> current = connections.get(slot);
    if (current != null && !current.failed()) return current;
    Future<RedisConnection> opening = pool.connect();
    if (!connections.compareAndSet(slot, current, opening)) return connection(slot);
    opening.onSuccess(c -> {
      c.exceptionHandler(e -> drop(slot, opening));
      c.endHandler(v -> drop(slot, opening));
    });
    return opening;
  }

  /** Another caller replaced the slot first: use what it put there. */
  private Future<RedisConnection> connection(int slot) {
    Future<RedisConnection> current = connections.get(slot);
    return current != null ? current : Future.failedFuture("redis connection closed");
  }

  private void drop(int slot, Future<RedisConnection> failed) {
    if (connections.compareAndSet(slot, failed, null) && failed.succeeded()) {
      failed.result().close();
    }
  }
}
