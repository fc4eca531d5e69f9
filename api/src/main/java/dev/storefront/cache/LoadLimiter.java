package dev.storefront.cache;

import dev.storefront.db.PoolBusy;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Caps the database loads the response caches run at once, across the process. Past the cap a
 * miss is refused at once (503 with {@code Retry-After}) instead of queueing for a connection
 * behind a cold start, so reads cannot fill the pool that checkouts and sign-ins wait on.
 */
public final class LoadLimiter {
  private final int max;
  private final AtomicInteger running = new AtomicInteger();

  public LoadLimiter(int max) {
    this.max = max;
  }

  public <T> Future<T> run(Supplier<Future<T>> load) {
    if (running.incrementAndGet() > max) {
      running.decrementAndGet();
      return Future.failedFuture(PoolBusy.refused());
    }
    Future<T> started;
    try {
      started = load.get();
    } catch (RuntimeException e) {
      running.decrementAndGet();
      return Future.failedFuture(e);
    }
    return started.andThen(ar -> running.decrementAndGet());
  }

  /** Loads running now. */
  public int running() {
    return running.get();
  }
}
