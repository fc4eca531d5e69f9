package dev.storefront;

/** Why the service could not start, naming what it was starting (a port, a dependency). */
public final class StartFailure extends RuntimeException {
  StartFailure(String what, Throwable cause) {
    super(what + ": " + describe(cause), cause, false, false);
  }

  /** The first message down the cause chain, or the exception's type when none has one. */
  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
    }
    return failure == null ? "unknown failure" : failure.getClass().getName();
  }
}
