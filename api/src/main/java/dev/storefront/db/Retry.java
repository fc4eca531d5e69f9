package dev.storefront.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.function.Supplier;

/**
 * Reruns a whole transaction that lost a serialization race or was picked as a deadlock victim
 * (SQLSTATE 40001, 40P01): both roll back everything, so running it again is safe. Bounded, so a
 * pathological hot spot still ends in an answer.
 */
public final class Retry {
  public static final int ATTEMPTS = 5;

  private Retry() {}

  public static <T> Future<T> transaction(Supplier<Future<T>> attempt) {
    return run(attempt, ATTEMPTS);
  }

  private static <T> Future<T> run(Supplier<Future<T>> attempt, int left) {
    return attempt.get().recover(e -> left > 1 && retryable(e) ? run(attempt, left - 1) : Future.failedFuture(e));
  }

  public static boolean retryable(Throwable e) {
    return e instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()));
  }
}
