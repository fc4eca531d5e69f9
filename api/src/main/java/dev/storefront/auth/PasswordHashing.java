package dev.storefront.auth;

import dev.storefront.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id on its own worker pool (one thread per core: the work is CPU- and memory-bound), with a
 * cap on hashes waiting or running ({@code PASSWORD_HASHING_QUEUE}). Past the cap requests get a
 * quiet 503 with {@code Retry-After} at once instead of queueing without bound, at 19 MiB each,
 * behind a flood of sign-ins.
 */
public final class PasswordHashing {
  private final PasswordHasher hasher = new PasswordHasher();
  private final WorkerExecutor workers;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();

  public PasswordHashing(Vertx vertx, int maxInFlight) {
    this.workers = vertx.createSharedWorkerExecutor("password-hashing", Runtime.getRuntime().availableProcessors());
    this.maxInFlight = maxInFlight;
  }

  public Future<String> hash(String password) {
    return run(() -> hasher.hash(password));
  }

  /** True when {@code password} matches {@code stored}; a null {@code stored} checks a dummy hash (false). */
  public Future<Boolean> verify(String password, String stored) {
    return run(() -> hasher.verify(password, stored));
  }

  private <T> Future<T> run(Callable<T> work) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new ProblemException(503, "service-unavailable", "Service unavailable",
          "Too many sign-ins are being processed; retry shortly.").retryAfter(1).shed());
    }
    return workers.executeBlocking(work, false).andThen(ar -> inFlight.decrementAndGet());
  }
}
