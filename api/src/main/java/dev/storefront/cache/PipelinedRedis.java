package dev.storefront.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A Redis client that pipelines every command on a fixed set of long-lived connections, taken
 * in turn. The stock client takes a pooled connection per command and holds it until the reply,
 * so the pool size caps the commands in flight: under a burst of cache misses they queued for
 * tens of milliseconds, outlived the per-command timeout, opened the circuit breaker and sent
 * the burst to PostgreSQL. Here a command waits only for its own reply. A connection that fails
 * or closes is dropped and the next command that would use it opens a new one. So is one that
 * has commands waiting and has answered none of them for {@code stallMs}: a peer that went silent
 * (a failover, a NAT entry lost) closes nothing, and its connections would otherwise keep taking
 * commands that time out, long after the server is reachable again.
 */
public final class PipelinedRedis implements Redis {
  private final Redis pool;
  private final AtomicReferenceArray<Future<RedisConnection>> connections;
  private final AtomicInteger turn = new AtomicInteger();
  /** Per slot: commands sent and not yet answered, and when the slot last made progress (nanoTime). */
  private final AtomicLongArray waiting;
  private final AtomicLongArray progressAt;
  private final long stallNanos;
  private final Vertx vertx;
  private final long stallCheck;
  private volatile boolean closed;

  /**
   * {@code options} must allow at least {@code connections} pooled connections; a connection with
   * unanswered commands and no reply for {@code stallMs} is closed and replaced.
   */
  public PipelinedRedis(Vertx vertx, RedisOptions options, int connections, long stallMs) {
    this.vertx = vertx;
    this.pool = Redis.createClient(vertx, options);
    int slots = Math.max(1, connections);
    this.connections = new AtomicReferenceArray<>(slots);
    this.waiting = new AtomicLongArray(slots);
    this.progressAt = new AtomicLongArray(slots);
    this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMs);
    this.stallCheck = vertx.setPeriodic(Math.max(50, stallMs / 4), id -> dropStalled());
  }

  /** The number of connections commands are spread over. */
  public int size() {
    return connections.length();
  }

  @Override
  public Future<Response> send(Request request) {
    int slot = nextSlot();
    Future<RedisConnection> connection = connection(slot);
    // The usual case, an open connection, sends at once: no extra future per command.
    return watched(slot, connection.succeeded() ? connection.result().send(request)
        : connection.compose(c -> c.send(request)));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    int slot = nextSlot();
    return watched(slot, connection(slot).compose(c -> c.batch(requests)));
  }

  private int nextSlot() {
    return Math.floorMod(turn.getAndIncrement(), connections.length());
  }

  private <T> Future<T> watched(int slot, Future<T> reply) {
    if (reply.isComplete()) return reply;
    if (waiting.getAndIncrement(slot) == 0) progressAt.set(slot, System.nanoTime());
    reply.onComplete(ar -> {
      waiting.decrementAndGet(slot);
      progressAt.set(slot, System.nanoTime());
    });
    return reply;
  }

  /** Closes each connection that has commands waiting and answered nothing for the stall time. */
  private void dropStalled() {
    long now = System.nanoTime();
    for (int slot = 0; slot < connections.length(); slot++) {
      Future<RedisConnection> current = connections.get(slot);
      if (current != null && waiting.get(slot) > 0 && now - progressAt.get(slot) > stallNanos) {
        // Closing fails its waiting commands, which count themselves out of the slot.
        progressAt.set(slot, now);
        if (connections.compareAndSet(slot, current, null) && current.succeeded()) forceClose(current.result());
      }
    }
  }

  /** A connection of one's own (e.g. for blocking or transactional commands), from the same pool. */
  @Override
  public Future<RedisConnection> connect() {
    return pool.connect();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(stallCheck);
    List<Future<Void>> closing = new ArrayList<>();
    for (int i = 0; i < connections.length(); i++) {
      Future<RedisConnection> c = connections.getAndSet(i, null);
      if (c != null && c.succeeded()) closing.add(c.result().close().otherwiseEmpty());
    }
    return Future.join(closing).transform(ar -> pool.close());
  }

  private Future<RedisConnection> connection(int slot) {
    if (closed) return Future.failedFuture("redis client closed");
    Future<RedisConnection> current = connections.get(slot);
    if (current != null && !current.failed()) return current;
    Future<RedisConnection> opening = pool.connect();
    if (!connections.compareAndSet(slot, current, opening)) return replaced(slot);
    opening.onSuccess(c -> {
      c.exceptionHandler(e -> drop(slot, opening));
      c.endHandler(v -> drop(slot, opening));
    });
    return opening;
  }

  /** Another caller replaced the slot first: use what it put there. */
  private Future<RedisConnection> replaced(int slot) {
    Future<RedisConnection> current = connections.get(slot);
    return current != null ? current : Future.failedFuture("redis connection closed");
  }

  /**
   * Closes the socket itself: {@code close()} hands a connection of the pool back to it, which
   * would lend the silent socket out again.
   */
  private static void forceClose(RedisConnection connection) {
    if (connection instanceof PooledRedisConnection pooled) {
      pooled.actual().forceClose();
    } else {
      connection.close();
    }
  }

  private void drop(int slot, Future<RedisConnection> failed) {
    if (connections.compareAndSet(slot, failed, null) && failed.succeeded()) {
      failed.result().close();
    }
  }
}
