package dev.storefront.db;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;

/**
 * Recognises a request refused by a saturated connection pool (its wait queue full, or no
 * connection within the pool's wait time): load being shed, answered as a fast 503 with
 * {@code Retry-After}, never a 500.
 */
public final class PoolBusy {
  public static final String RETRY_AFTER_SECONDS = "1";
  public static final String DETAIL = "The service is busy; retry shortly.";
  // The SQL client's pool says so only in messages: a VertxException with this one for a query
  // sent to the pool, and a bare NoStackTraceThrowable("Timeout") for a connection asked of it
  // (a transaction), from the same wait in vertx-sql-client's SqlConnectionPool.
  private static final String WAIT_TIMEOUT = "Timeout waiting for connection";
  private static final String CONNECTION_WAIT_TIMEOUT = "Timeout";
  // Named, not imported: vertx-core marks the class deprecated for removal.
  private static final String NO_STACK_TRACE_THROWABLE = "io.vertx.core.impl.NoStackTraceThrowable";

  private PoolBusy() {}

  /** Load refused before it reached the pool (a cap on concurrent loads was reached). */
  public static final class Refused extends RuntimeException {
    private Refused() {
      super("too many database loads in flight", null, false, false);
    }
  }

  public static RuntimeException refused() {
    return new Refused();
  }

  /** {@code failure} as raised, already unwrapped from the futures that carried it. */
  public static boolean is(Throwable f) {
    return f instanceof Refused || f instanceof ConnectionPoolTooBusyException
        || f instanceof VertxException && WAIT_TIMEOUT.equals(f.getMessage())
        || f != null && CONNECTION_WAIT_TIMEOUT.equals(f.getMessage())
        && NO_STACK_TRACE_THROWABLE.equals(f.getClass().getName());
  }
}
