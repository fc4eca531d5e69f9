package dev.storefront.http;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Failures of a dependency that say nothing about this request and are worth a retry (503):
 * connection refused, reset or lost (any socket error: a connection that PostgreSQL or a proxy
 * resets under a running statement surfaces as the bare {@code SocketException}), timeouts, and PostgreSQL's connection, resource and operator
 * states. They are logged as one line and sampled for Sentry, since an outage produces them for
 * every request.
 */
final class TransientFailures {
  private TransientFailures() {}

  static boolean isTransient(Throwable failure) {
    Throwable cause = unwrap(failure);
    return cause instanceof TimeoutException || cause instanceof ClosedConnectionException
        || cause instanceof java.net.SocketException || cause instanceof java.nio.channels.ClosedChannelException
        || cause instanceof PgException pg && transientState(pg) || connectionGone(cause);
  }

  /**
   * A statement sent on a pooled connection that closed under it (PostgreSQL went away mid-
   * transaction): the SQL client says so only in the message of a plain VertxException.
   */
  private static boolean connectionGone(Throwable cause) {
    return cause instanceof io.vertx.core.VertxException && cause.getMessage() != null
        && cause.getMessage().startsWith("Connection is not active now");
  }

  /** What kind of failure, for sampling: the exception type and, for PostgreSQL, its SQL state. */
  static String kind(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause == null) return "none";
    String kind = cause.getClass().getSimpleName();
    return cause instanceof PgException pg ? kind + " " + pg.getSqlState() : kind;
  }

  /** The kind and message on one line, short enough for a log line. */
  static String describe(Throwable failure) {
    Throwable cause = unwrap(failure);
    String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage().replaceAll("\\s+", " ");
    if (message.length() > 200) message = message.substring(0, 200) + "...";
    String described = message.isEmpty() ? kind(failure) : kind(failure) + ": " + message;
    Throwable reason = cause == null ? null : cause.getCause();
    return reason == null || reason == cause ? described : described + " (cause: " + kind(reason) + ")";
  }

  /** Caches hand loader failures back wrapped; every classification here and in PoolBusy reads the cause. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Connection loss, timeouts, overload and lost serialization races: worth a retry, not a bug. */
  private static boolean transientState(PgException e) {
    String state = e.getSqlState() == null ? "" : e.getSqlState();
    return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
        || state.equals("40001") || state.equals("40P01");
  }
}
