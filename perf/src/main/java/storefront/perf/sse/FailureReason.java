package storefront.perf.sse;

import java.util.concurrent.TimeoutException;

/** A failure as a short reason to count by: timeouts name no URL, so they add up under one. */
final class FailureReason {
  private FailureReason() {}

  static String of(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "timeout";
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
